import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TServiceMetricsResponse } from '@/lib/client/schemas';
import { formatDurationUs } from '@/lib/view/format/format-duration';
import { formatClock } from '@/lib/view/format/format-time';

type ServiceChartProps = { series: TServiceMetricsResponse['series']; range: { startMs: number; endMs: number } };

/** Requests per bucket (bars, right axis) and p50/p95/p99 latency (lines, left axis) across the window. */
export function ServiceChart({ series, range }: ServiceChartProps) {
  const data = series.map((p) => ({ t: p.bucketStartMs, requests: p.requests, p50: p.p50Us / 1000, p95: p.p95Us / 1000, p99: p.p99Us / 1000 }));
  const ms = (v: number) => formatDurationUs(v * 1000);
  return (
    <div className="h-48" data-testid="service-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 4, right: 0, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis type="number" dataKey="t" domain={[range.startMs, range.endMs]} tickFormatter={(t: number) => formatClock(t, 'local').slice(0, 5)}
            tick={{ fontSize: 10, fill: '#64748b' }} tickCount={5} />
          <YAxis yAxisId="lat" width={52} tickFormatter={ms} tick={{ fontSize: 10, fill: '#64748b' }} />
          <YAxis yAxisId="req" orientation="right" width={32} allowDecimals={false} tick={{ fontSize: 10, fill: '#94a3b8' }} />
          <Tooltip labelFormatter={(t) => formatClock(Number(t), 'local')}
            formatter={(v, name) => (name === 'requests' ? [String(v), 'requests'] : [ms(Number(v)), String(name)])} />
          <Legend iconSize={8} wrapperStyle={{ fontSize: 11 }} />
          <Bar yAxisId="req" dataKey="requests" fill="#cbd5e1" isAnimationActive={false} barSize={6} />
          <Line yAxisId="lat" dataKey="p50" stroke="#0ea5e9" dot={false} strokeWidth={1.5} isAnimationActive={false} />
          <Line yAxisId="lat" dataKey="p95" stroke="#f59e0b" dot={false} strokeWidth={1.5} isAnimationActive={false} />
          <Line yAxisId="lat" dataKey="p99" stroke="#dc2626" dot={false} strokeWidth={1.5} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
