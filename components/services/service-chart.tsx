import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TServiceMetricsResponse } from '@/lib/client/schemas';
import { formatDurationUs } from '@/lib/view/format/format-duration';
import { formatClock } from '@/lib/view/format/format-time';
import { useTimeZone } from '@/components/layout/use-time-zone';

type ServiceChartProps = { series: TServiceMetricsResponse['series']; range: { startMs: number; endMs: number } };

/** Requests per bucket (bars, right axis) and p50/p95/p99 latency (lines, left axis) across the window. */
export function ServiceChart({ series, range }: ServiceChartProps) {
  const data = series.map((p) => ({ t: p.bucketStartMs, requests: p.requests, p50: p.p50Us / 1000, p95: p.p95Us / 1000, p99: p.p99Us / 1000 }));
  const tz = useTimeZone();
  const ms = (v: number) => formatDurationUs(v * 1000);
  return (
    <div className="h-48" data-testid="service-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 4, right: 0, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--chart-grid)" />
          <XAxis type="number" dataKey="t" domain={[range.startMs, range.endMs]} tickFormatter={(t: number) => formatClock(t, tz).slice(0, 5)}
            tick={{ fontSize: 10, fill: "var(--chart-axis)" }} tickCount={5} />
          <YAxis yAxisId="lat" width={52} tickFormatter={ms} tick={{ fontSize: 10, fill: "var(--chart-axis)" }} />
          <YAxis yAxisId="req" orientation="right" width={32} allowDecimals={false} tick={{ fontSize: 10, fill: "var(--chart-muted)" }} />
          <Tooltip contentStyle={{ background: 'var(--chart-surface)', borderColor: 'var(--chart-grid)', color: 'var(--chart-text)' }}
            labelFormatter={(t) => formatClock(Number(t), tz)}
            formatter={(v, name) => (name === 'requests' ? [String(v), 'requests'] : [ms(Number(v)), String(name)])} />
          <Legend iconSize={8} wrapperStyle={{ fontSize: 11 }} />
          <Bar yAxisId="req" dataKey="requests" fill="var(--chart-muted)" isAnimationActive={false} barSize={6} />
          <Line yAxisId="lat" dataKey="p50" stroke="var(--chart-accent)" dot={false} strokeWidth={1.5} isAnimationActive={false} />
          <Line yAxisId="lat" dataKey="p95" stroke="var(--chart-warn)" dot={false} strokeWidth={1.5} isAnimationActive={false} />
          <Line yAxisId="lat" dataKey="p99" stroke="var(--chart-error)" dot={false} strokeWidth={1.5} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
