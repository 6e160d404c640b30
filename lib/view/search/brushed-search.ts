import type { SearchState } from '@/lib/api/pages/search-state';

// A region brushed on the search page's scatter plot (trace start × trace duration) as a search:
// the start times become an absolute window and the durations the whole-trace bounds (the plot's
// y is the trace's duration, so the span-level min/max of Jaeger's form would be the wrong
// bounds). Bounds round outward, so every point drawn inside the region is found again.

export type BrushedRegion = { startMs: number; endMs: number; minDurationMs: number; maxDurationMs: number };

const trim = (n: number, digits: number) => String(Number(n.toFixed(digits)));

/** A Go duration ("1.25s", "340ms", "75us") for `us` microseconds, rounded down or up to a whole microsecond. */
export const toGoDuration = (us: number, round: 'down' | 'up'): string => {
  const whole = Math.max(0, round === 'down' ? Math.floor(us) : Math.ceil(us));
  if (whole >= 1_000_000 && whole % 1000 === 0) return `${trim(whole / 1_000_000, 3)}s`;
  if (whole >= 1000 && whole % 1 === 0 && whole % 1000 === 0) return `${whole / 1000}ms`;
  if (whole >= 1000) return `${trim(whole / 1000, 3)}ms`;
  return `${whole}us`;
};

/** The search of a brushed region: the same criteria over its window, limited to its trace durations. */
export const toBrushedSearch = (state: SearchState, region: BrushedRegion): SearchState => {
  const [t0, t1] = region.startMs <= region.endMs ? [region.startMs, region.endMs] : [region.endMs, region.startMs];
  const [d0, d1] = region.minDurationMs <= region.maxDurationMs ? [region.minDurationMs, region.maxDurationMs] : [region.maxDurationMs, region.minDurationMs];
  return {
    ...state,
    lookback: 'custom',
    startMs: Math.max(1, Math.floor(t0)),
    endMs: Math.ceil(t1),
    traceMinDuration: toGoDuration(d0 * 1000, 'down'),
    traceMaxDuration: toGoDuration(d1 * 1000, 'up'),
  };
};
