// Which view of the trace fills the page: the timeline, the flame graph or the statistics
// (?view=, so a link reproduces it). One list, so further views join as one more entry.

export const TRACE_VIEWS = [
  { id: 'timeline', label: 'Timeline' },
  { id: 'flame', label: 'Flame graph' },
  { id: 'stats', label: 'Statistics' },
] as const;

export type TraceView = (typeof TRACE_VIEWS)[number]['id'];

/** The view named by ?view=, the timeline for anything else. */
export const traceViewOf = (param: string): TraceView => TRACE_VIEWS.find((v) => v.id === param)?.id ?? 'timeline';

export function TraceViewTabs({ view, onChange }: { view: TraceView; onChange: (view: TraceView) => void }) {
  return (
    <div role="tablist" aria-label="Trace view" className="flex rounded-md border border-slate-300 bg-white p-0.5 text-xs font-medium" data-testid="trace-view-tabs">
      {TRACE_VIEWS.map((v) => (
        <button
          key={v.id}
          type="button"
          role="tab"
          aria-selected={view === v.id}
          onClick={() => onChange(v.id)}
          className={`rounded px-2 py-0.5 ${view === v.id ? 'bg-sky-700 text-white' : 'text-slate-700 hover:bg-slate-100'}`}
          data-testid={`trace-view-${v.id}`}
        >
          {v.label}
        </button>
      ))}
    </div>
  );
}
