import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, usePlotArea, useXAxisInverseScale, useYAxisInverseScale, XAxis, YAxis, ZAxis } from 'recharts';
import { formatDurationUs } from '@/lib/view/format/format-duration';
import { formatClock, type TimeZoneMode } from '@/lib/view/format/format-time';
import { serviceColor } from '@/lib/view/format/service-color';
import type { TraceHit } from '@/lib/api/pages/trace-hit';
import type { BrushedRegion } from '@/lib/view/search/brushed-search';
import { ScatterTooltip } from './scatter-tooltip';
import { useScatterBrush, type ChartScales } from './use-scatter-brush';

import { SCATTER_HEIGHT } from './result-sizes';
const ERROR_COLOUR = "var(--chart-error)";

export type ScatterPoint = { x: number; y: number; z: number; hit: TraceHit };

type DurationScatterProps = {
  traces: TraceHit[];
  window: { startMs: number; endMs: number };
  tz: TimeZoneMode;
  /** a region dragged out over the plot: its time window and duration range */
  onBrush: (region: BrushedRegion) => void;
};

/** Hands the chart's inverse scales and plot area to the brush, which lives outside the chart. */
function ScaleProbe({ into }: { into: React.RefObject<ChartScales | undefined> }) {
  const invX = useXAxisInverseScale();
  const invY = useYAxisInverseScale();
  const plot = usePlotArea();
  into.current = invX && invY && plot ? { invX, invY, plot } : undefined;
  return null;
}

// The time axis spans the results (padded), not the whole search window: with the newest 20
// traces of a 7-day search, the window would squeeze every point into one pixel column.
const timeDomain = (traces: TraceHit[], window: { startMs: number; endMs: number }): [number, number] => {
  const starts = traces.map((t) => t.startUs / 1000);
  const lo = Math.min(...starts);
  const hi = Math.max(...starts);
  const pad = Math.max((hi - lo) * 0.04, 30_000);
  return [Math.max(window.startMs, lo - pad), Math.min(window.endMs, hi + pad)];
};

/** Duration against start time, one point per trace: size by span count, errors in red; a click opens the trace. */
export function DurationScatter({ traces, window, tz, onBrush }: DurationScatterProps) {
  const router = useRouter();
  const brush = useScatterBrush(onBrush);
  // one 6-minute trace flattens 76 short ones onto the baseline of a linear axis; log spreads them
  const [log, setLog] = useState(false);
  const toPoint = (hit: TraceHit): ScatterPoint => ({ x: hit.startUs / 1000, y: Math.max(hit.durationUs / 1000, 0.001), z: hit.spanCount, hit });
  const ok = traces.filter((t) => t.errorSpanCount === 0).map(toPoint);
  const failed = traces.filter((t) => t.errorSpanCount > 0).map(toPoint);
  const domain = timeDomain(traces, window);

  const shape = (props: { cx?: number; cy?: number; size?: number; payload?: ScatterPoint }) => {
    const { cx, cy, size = 64, payload } = props;
    if (cx === undefined || cy === undefined || !payload) return <g />;
    const error = payload.hit.errorSpanCount > 0;
    return (
      <circle
        cx={cx}
        cy={cy}
        r={Math.sqrt(size / Math.PI)}
        data-testid="scatter-point"
        data-trace-id={payload.hit.traceId}
        data-error={error || undefined}
        fill={error ? ERROR_COLOUR : serviceColor(payload.hit.rootServiceName)}
        fillOpacity={0.65}
        stroke={error ? "var(--chart-error-text)" : "var(--chart-text)"}
        strokeOpacity={0.5}
        className="cursor-pointer"
        onClick={() => router.push(`/trace/${payload.hit.traceId}`)}
      />
    );
  };

  return (
    <div ref={brush.container} {...brush.handlers} className="relative flex cursor-crosshair touch-none flex-col rounded-lg border border-slate-200 bg-white p-2 pt-1.5 select-none"
      style={{ height: SCATTER_HEIGHT }} data-testid="duration-scatter">
      {/* in the flow above the plot, not over it: the longest traces are drawn at its top, where a legend would hide them from a click */}
      <p className="flex flex-none flex-wrap items-center justify-end gap-x-3 pr-2 text-xs text-slate-500">
        <button type="button" aria-pressed={log} onClick={() => setLog((v) => !v)} data-testid="scatter-log"
          className="rounded border border-slate-300 px-1.5 leading-5 text-slate-700 hover:bg-slate-100 aria-pressed:border-sky-500 aria-pressed:bg-sky-50">
          log scale
        </button>
        <span>size = spans</span>
        <span className="flex items-center gap-1"><span className="size-2.5 rounded-full" style={{ background: ERROR_COLOUR }} />has errors</span>
        <span className="hidden sm:inline">click to open · drag a region to search it</span>
      </p>
      <div className="min-h-0 flex-1">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 14, right: 16, bottom: 0, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--chart-grid)" />
            <XAxis type="number" dataKey="x" domain={domain} tickFormatter={(ms: number) => formatClock(ms, tz)}
              tick={{ fontSize: 11, fill: "var(--chart-axis)" }} tickCount={8} />
            <YAxis type="number" dataKey="y" width={64} scale={log ? 'log' : 'auto'} domain={log ? ['auto', 'auto'] : [0, 'auto']} allowDataOverflow={false} tickFormatter={(ms: number) => formatDurationUs(ms * 1000)}
              tick={{ fontSize: 11, fill: "var(--chart-axis)" }} />
            <ZAxis type="number" dataKey="z" range={[40, 400]} />
            <Tooltip content={<ScatterTooltip tz={tz} />} cursor={{ strokeDasharray: '3 3' }} isAnimationActive={false} />
            <Scatter name="Traces" data={ok} shape={shape} isAnimationActive={false} />
            <Scatter name="Traces with errors" data={failed} shape={shape} isAnimationActive={false} />
            <ScaleProbe into={brush.scales} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      {brush.rect && (
        <div className="pointer-events-none absolute border border-sky-600 bg-sky-500/15" style={brush.rect} data-testid="scatter-brush" />
      )}
    </div>
  );
}
