import { formatDurationUs } from '@/lib/view/format/format-duration';
import { serviceColor } from '@/lib/view/format/service-color';
import type { CriticalPathView } from '@/lib/view/trace/critical-path-view';

type CriticalPathSummaryProps = { view: CriticalPathView | undefined; error: Error | null };

const percent = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;

// Under the trace header: how much of the trace each service spent on the critical path.
export function CriticalPathSummary({ view, error }: CriticalPathSummaryProps) {
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm" data-testid="critical-path-summary">
      <span className="text-xs uppercase tracking-wide text-slate-500">Critical path</span>
      {error ? (
        <span className="text-xs text-red-700">could not be computed: {error.message}</span>
      ) : !view ? (
        <span className="text-xs text-slate-500">computing…</span>
      ) : (
        <ul className="flex flex-wrap gap-x-3 gap-y-1" aria-label="Time on the critical path by service">
          {view.services.map((s) => (
            <li key={s.service} className="flex items-center gap-1" data-testid="critical-path-service" data-service={s.service}>
              <span className="h-2 w-2 rounded-full" style={{ background: serviceColor(s.service) }} aria-hidden />
              <span className="font-medium">{s.service}</span>
              <span className="tabular-nums text-slate-600" data-testid="critical-path-share">
                {percent(s.share)}
              </span>
              <span className="text-xs tabular-nums text-slate-500">({formatDurationUs(s.us)})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
