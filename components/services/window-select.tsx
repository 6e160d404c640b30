import { METRIC_WINDOWS, type MetricWindow } from '@/lib/api/pages/metric-windows';

const LABELS: Record<MetricWindow, string> = { '15m': '15 min', '1h': '1 hour', '6h': '6 hours', '1d': '24 hours', '7d': '7 days' };

/** The time window of the services page, as a segmented control. */
export function WindowSelect({ value, onChange }: { value: MetricWindow; onChange: (w: MetricWindow) => void }) {
  return (
    <div className="flex overflow-hidden rounded-md border border-slate-300 bg-white text-sm" role="group" aria-label="Window" data-testid="window-select">
      {METRIC_WINDOWS.map((w) => (
        <button key={w} type="button" aria-pressed={w === value} onClick={() => onChange(w)} data-testid={`window-${w}`}
          className="border-l border-slate-200 px-3 py-1.5 text-slate-600 first:border-l-0 hover:bg-slate-50 aria-pressed:bg-slate-800 aria-pressed:text-white">
          Last {LABELS[w]}
        </button>
      ))}
    </div>
  );
}
