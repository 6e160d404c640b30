// The services page's per-service chart, drawn as plain SVG: requests per bucket as bars (their
// own scale, right) and p50/p95/p99 latency as lines (left scale). A chart library's render of the
// same cost 200–900 ms of main thread per card on a loaded 2-core machine (npm run bench:ui);
// this is arithmetic on ~60 buckets.

export type ChartBucket = { bucketStartMs: number; requests: number; p50Us: number; p95Us: number; p99Us: number };
export type ChartBox = { width: number; height: number; left: number; right: number; top: number; bottom: number };
export const LATENCY_SERIES = ['p50', 'p95', 'p99'] as const;
export type LatencySeries = (typeof LATENCY_SERIES)[number];

export type ServiceChartLayout = {
  bars: { x: number; y: number; width: number; height: number; bucket: ChartBucket }[];
  lines: Record<LatencySeries, string>;
  latencyTicks: { y: number; us: number }[];
  requestTicks: { y: number; requests: number }[];
  timeTicks: { x: number; ms: number }[];
};

/** The smallest 1, 2 or 5 × 10^k at or above `v` (an axis maximum people can read). */
export const niceCeil = (v: number): number => {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 5, 10].find((m) => m * p >= v - 1e-9 * p) ?? 10) * p;
};

/** Where every bar, line point and tick of one service's chart goes in a box of this size. */
export const layoutServiceChart = (buckets: readonly ChartBucket[], range: { startMs: number; endMs: number }, box: ChartBox, timeTickCount = 5): ServiceChartLayout => {
  const sorted = [...buckets].sort((a, b) => a.bucketStartMs - b.bucketStartMs);
  const span = Math.max(1, range.endMs - range.startMs);
  const plotW = Math.max(1, box.width - box.left - box.right);
  const plotH = Math.max(1, box.height - box.top - box.bottom);
  const x = (ms: number) => box.left + ((ms - range.startMs) / span) * plotW;
  const steps = sorted.slice(1).map((b, i) => b.bucketStartMs - sorted[i].bucketStartMs).filter((d) => d > 0);
  const stepMs = steps.length > 0 ? Math.min(...steps) : span / 60;
  const latencyMax = niceCeil(Math.max(0, ...sorted.map((b) => b.p99Us), ...sorted.map((b) => b.p95Us), ...sorted.map((b) => b.p50Us)));
  const requestMax = niceCeil(Math.max(0, ...sorted.map((b) => b.requests)));
  const yLatency = (us: number) => box.top + plotH - (us / latencyMax) * plotH;
  const yRequests = (n: number) => box.top + plotH - (n / requestMax) * plotH;
  const barW = Math.max(1, ((stepMs / span) * plotW) * 0.6);
  const centre = (b: ChartBucket) => x(b.bucketStartMs + stepMs / 2);
  const line = (key: LatencySeries) => sorted.map((b) => `${centre(b).toFixed(1)},${yLatency(b[`${key}Us`]).toFixed(1)}`).join(' ');
  return {
    bars: sorted.map((b) => ({ x: centre(b) - barW / 2, y: yRequests(b.requests), width: barW, height: box.top + plotH - yRequests(b.requests), bucket: b })),
    lines: { p50: line('p50'), p95: line('p95'), p99: line('p99') },
    latencyTicks: [0, 0.5, 1].map((f) => ({ y: yLatency(latencyMax * f), us: latencyMax * f })),
    requestTicks: [0, 1].map((f) => ({ y: yRequests(requestMax * f), requests: requestMax * f })),
    timeTicks: Array.from({ length: timeTickCount }, (_, i) => {
      const ms = range.startMs + (span * i) / Math.max(1, timeTickCount - 1);
      return { x: x(ms), ms };
    }),
  };
};
