import type { SortKey } from '@/lib/api/pages/search-state';
import type { TraceHit } from '@/lib/api/pages/trace-hit';

type Compare = (a: TraceHit, b: TraceHit) => number;

const COMPARE: Record<SortKey, Compare> = {
  newest: (a, b) => b.startUs - a.startUs,
  oldest: (a, b) => a.startUs - b.startUs,
  longest: (a, b) => b.durationUs - a.durationUs,
  shortest: (a, b) => a.durationUs - b.durationUs,
  'most-spans': (a, b) => b.spanCount - a.spanCount,
  'most-errors': (a, b) => b.errorSpanCount - a.errorSpanCount,
};

/** A sorted copy; ties fall back to newest first, then trace id, so the order never flickers. */
export const sortTraceHits = (hits: readonly TraceHit[], sort: SortKey): TraceHit[] =>
  [...hits].sort((a, b) => COMPARE[sort](a, b) || b.startUs - a.startUs || (a.traceId < b.traceId ? -1 : 1));
