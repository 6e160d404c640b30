'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TAggregateGroup, TAggregateResponse } from '@/lib/client/analytics-queries';
import type { ChartMetric } from '@/lib/view/explore/explore-state';
import { seriesRows } from '@/lib/view/explore/series-rows';
import { formatDurationUs } from '@/lib/view/format/format-duration';
import { formatClock } from '@/lib/view/format/format-time';
import { useTimeZone } from '@/components/layout/use-time-zone';

const COLORS = ['#0ea5e9', '#f59e0b', '#10b981', '#8b5cf6', '#ef4444', '#64748b'];

type Props = {
  answer: TAggregateResponse;
  metric: ChartMetric;
  /** a point clicked: its group and bucket start (unix ms) */
  onPoint: (group: TAggregateGroup, tMs: number) => void;
};

/** The largest groups over time; a click on a point opens the search for that group and bucket. */
export function SeriesChart({ answer, metric, onPoint }: Props) {
  const { rows, labels } = seriesRows(answer.groups, metric, { ...answer.window, stepNs: answer.stepNs });
  const tz = useTimeZone();
  const fmt = (v: number) => (metric === 'p95Ns' ? formatDurationUs(v * 1000) : String(v));
  return (
    <div className="h-56" data-testid="series-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--chart-grid)" />
          <XAxis type="number" dataKey="t" domain={['dataMin', 'dataMax']} tickFormatter={(t: number) => formatClock(t, tz).slice(0, 5)}
            tick={{ fontSize: 10, fill: 'var(--chart-axis)' }} tickCount={6} />
          <YAxis width={52} tickFormatter={fmt} allowDecimals={metric === 'p95Ns'} tick={{ fontSize: 10, fill: 'var(--chart-axis)' }} />
          <Tooltip contentStyle={{ background: 'var(--chart-surface)', borderColor: 'var(--chart-grid)', color: 'var(--chart-text)' }}
            labelFormatter={(t) => formatClock(Number(t), tz)} formatter={(v, name) => [fmt(Number(v)), String(name)]} />
          <Legend iconSize={8} wrapperStyle={{ fontSize: 11 }} />
          {labels.map((label, i) => (
            <Line key={label} dataKey={label} stroke={COLORS[i % COLORS.length]} dot={false} strokeWidth={1.5} isAnimationActive={false} connectNulls={false}
              activeDot={(p: { cx?: number; cy?: number; payload?: { t: number } }) => (
                <circle cx={p.cx} cy={p.cy} r={5} fill={COLORS[i % COLORS.length]} style={{ cursor: 'pointer' }} data-testid="series-point"
                  onClick={() => p.payload && onPoint(answer.groups[i], p.payload.t)} />
              )} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
