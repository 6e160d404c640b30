type TraceViewControlsProps = {
  view: string;
  onView: (view: string) => void;
  /** the views to switch between; '' is the timeline */
  views: { id: string; label: string }[];
  markCritical: boolean;
  onMarkCritical: (on: boolean) => void;
  onlyCritical: boolean;
  onOnlyCritical: (on: boolean) => void;
};

const tab = (active: boolean) =>
  `rounded-md px-2.5 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-sky-600 ${active ? 'bg-slate-800 text-white' : 'text-slate-700 hover:bg-slate-100'}`;
const toggle = (on: boolean) =>
  `rounded-md border px-2 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-sky-600 disabled:opacity-40 ${on ? 'border-slate-800 bg-slate-800 text-white' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-100'}`;

// Which view of the trace is shown, and on the timeline, the critical path: marked or not, and
// whether only its spans (with their ancestors) are listed.
export function TraceViewControls({ view, onView, views, markCritical, onMarkCritical, onlyCritical, onOnlyCritical }: TraceViewControlsProps) {
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="trace-view-controls">
      <div role="group" aria-label="Trace view" className="flex gap-1 rounded-md border border-slate-200 bg-white p-0.5">
        {views.map((v) => (
          <button key={v.id || 'timeline'} type="button" aria-pressed={view === v.id} className={tab(view === v.id)} onClick={() => onView(v.id)} data-testid={`view-${v.id || 'timeline'}`}>
            {v.label}
          </button>
        ))}
      </div>
      {view === '' && (
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
