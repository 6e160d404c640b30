'use client';

import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TAggregateResponse } from '@/lib/client/analytics-queries';
import { formatDurationUs } from '@/lib/view/format/format-duration';

type Bucket = TAggregateResponse['histogram'][number];
type Props = { buckets: Bucket[]; onBrush: (lowNs: bigint, highNs: bigint) => void };

const label = (ns: string) => formatDurationUs(Number(ns) / 1000);

/**
 * The matching spans' durations in log-scaled buckets. Dragging across bars (or choosing the
 * first and last bucket below, by keyboard) adds that duration range to the filter.
 */
export function DurationHistogram({ buckets, onBrush }: Props) {
  const [drag, setDrag] = useState<{ from: number; to: number } | undefined>();
  const [from, setFrom] = useState(0);
  const [to, setTo] = useState(Math.max(0, buckets.length - 1));
  const data = buckets.map((b, i) => ({ i, name: label(b.lowNs), count: b.count }));
  const apply = (a: number, b: number) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    if (!buckets[lo] || !buckets[hi]) return;
    onBrush(BigInt(buckets[lo].lowNs), BigInt(buckets[hi].highNs) - 1n);
  };
  const indexOf = (state: unknown) => {
    const i = Number((state as { activeTooltipIndex?: unknown } | undefined)?.activeTooltipIndex);
    return Number.isInteger(i) && i >= 0 ? i : undefined;
  };
  if (buckets.length === 0) return <p className="text-sm text-slate-500">No spans match in this window.</p>;
  return (
    <div data-testid="duration-histogram">
      <div className="h-40 select-none" data-testid="histogram-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={data}
            margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
            onMouseDown={(s) => { const i = indexOf(s); if (i !== undefined) setDrag({ from: i, to: i }); }}
            onMouseMove={(s) => { const i = indexOf(s); if (drag && i !== undefined) setDrag({ ...drag, to: i }); }}
            onMouseUp={() => { if (drag) apply(drag.from, drag.to); setDrag(undefined); }}
          >
            <CartesianGrid strokeDasharray="3 3" stroke="var(--chart-grid)" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 10, fill: 'var(--chart-axis)' }} interval="preserveStartEnd" minTickGap={24} />
            <YAxis width={40} allowDecimals={false} tick={{ fontSize: 10, fill: 'var(--chart-axis)' }} />
            <Tooltip cursor={{ fill: 'var(--chart-grid)' }} contentStyle={{ background: 'var(--chart-surface)', borderColor: 'var(--chart-grid)', color: 'var(--chart-text)' }}
              labelFormatter={(_, p) => { const b = buckets[Number(p?.[0]?.payload?.i)]; return b ? `${label(b.lowNs)} – ${label(b.highNs)}` : ''; }} />
            <Bar dataKey="count" fill="var(--chart-accent)" isAnimationActive={false} />
            {drag && <ReferenceArea x1={data[Math.min(drag.from, drag.to)].name} x2={data[Math.max(drag.from, drag.to)].name} fill="var(--chart-warn)" fillOpacity={0.3} />}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <span>Drag across bars, or pick a range:</span>
        <label className="flex items-center gap-1">from
          <select value={from} onChange={(e) => setFrom(Number(e.target.value))} data-testid="histogram-from" className="rounded border border-slate-300 bg-white px-1 py-0.5">
            {buckets.map((b, i) => <option key={b.lowNs} value={i}>{label(b.lowNs)}</option>)}
          </select>
        </label>
        <label className="flex items-center gap-1">to
          <select value={to} onChange={(e) => setTo(Number(e.target.value))} data-testid="histogram-to" className="rounded border border-slate-300 bg-white px-1 py-0.5">
            {buckets.map((b, i) => <option key={b.highNs} value={i}>{label(b.highNs)}</option>)}
          </select>
        </label>
        <button type="button" onClick={() => apply(from, to)} data-testid="histogram-apply" className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-50">
          Add to filter
        </button>
      </div>
    </div>
  );
}
