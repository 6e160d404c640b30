import type { TraceView } from './trace-view-tabs';

type TraceViewControlsProps = {
  view: TraceView;
  markCritical: boolean;
  onMarkCritical: (on: boolean) => void;
  onlyCritical: boolean;
  onOnlyCritical: (on: boolean) => void;
};

const toggle = (on: boolean) =>
  `rounded-md border px-2 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-sky-600 disabled:opacity-40 ${on ? 'border-slate-800 bg-slate-800 text-white' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-100'}`;

// On the timeline, the critical path: marked or not, and whether only its spans (with their
// ancestors) are listed. (Which view is shown is the header's TraceViewTabs.)
export function TraceViewControls({ view, markCritical, onMarkCritical, onlyCritical, onOnlyCritical }: TraceViewControlsProps) {
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="trace-view-controls">
      {view === 'timeline' && (
        <div className="flex flex-wrap items-center gap-1">
          <button type="button" aria-pressed={markCritical} className={toggle(markCritical)} onClick={() => onMarkCritical(!markCritical)} data-testid="critical-mark-toggle">
            Mark critical path
          </button>
          <button type="button" aria-pressed={onlyCritical} className={toggle(onlyCritical)} onClick={() => onOnlyCritical(!onlyCritical)} data-testid="critical-only-toggle">
            Critical path only
          </button>
        </div>
      )}
    </div>
  );
}
