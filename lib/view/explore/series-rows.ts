// The explore chart's data: one row per time bucket with one column per charted group (the
// largest few), the metric's value or absent where the group had no span in that bucket.

export type SeriesGroup = { key: Record<string, string | null>; series: { t: string; count: number; errorCount: number; p95Ns: string }[] };
export type SeriesMetric = 'count' | 'errorCount' | 'p95Ns';

/** How a group is named in the legend: its key values, `(none)` for a missing one. */
export const groupLabel = (key: Record<string, string | null>): string => {
  const values = Object.values(key);
  return values.length === 0 ? 'all spans' : values.map((v) => v ?? '(none)').join(' · ');
};

/** Rows {t (unix ms), [label]: value} over every bucket of the window, for the first `max` groups. */
export const seriesRows = (groups: SeriesGroup[], metric: SeriesMetric, window: { startNs: string; endNs: string; stepNs: string }, max = 6) => {
  const charted = groups.slice(0, max);
  const start = BigInt(window.startNs);
  const step = BigInt(window.stepNs);
  const buckets = Number((BigInt(window.endNs) - start + step - 1n) / step);
  const rows: Record<string, number>[] = Array.from({ length: buckets }, (_, i) => ({ t: Number((start + BigInt(i) * step) / 1_000_000n) }));
  const labels = charted.map((g) => groupLabel(g.key));
  charted.forEach((g, gi) => {
    for (const p of g.series) {
      const i = Number((BigInt(p.t) - start) / step);
      if (rows[i]) rows[i][labels[gi]] = metric === 'p95Ns' ? Number(p.p95Ns) / 1e6 : p[metric];
    }
    // a bucket without spans is zero spans and zero errors; its p95 is unknown (a gap)
    if (metric !== 'p95Ns') for (const r of rows) r[labels[gi]] ??= 0;
  });
  return { rows, labels };
};
