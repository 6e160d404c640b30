import { formatDurationUs } from '@/lib/view/format/format-duration';
import { formatTimestamp, type TimeZoneMode } from '@/lib/view/format/format-time';
import type { ScatterPoint } from './duration-scatter';

type ScatterTooltipProps = { tz: TimeZoneMode; active?: boolean; payload?: readonly { payload?: ScatterPoint }[] };

/** What a hovered scatter point is: root operation, duration, spans, errors, start. */
export function ScatterTooltip({ tz, active, payload }: ScatterTooltipProps) {
  const hit = active ? payload?.[0]?.payload?.hit : undefined;
  if (!hit) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-lg">
      <p className="font-semibold text-slate-900">
        {hit.rootServiceName}: {hit.rootOperationName}
      </p>
      <p className="text-slate-600">
        {formatDurationUs(hit.durationUs)} · {hit.spanCount} spans
        {hit.errorSpanCount > 0 && <span className="text-red-700"> · {hit.errorSpanCount} errors</span>}
      </p>
      <p className="text-slate-500">{formatTimestamp(hit.startUs / 1000, tz)}</p>
    </div>
  );
}
