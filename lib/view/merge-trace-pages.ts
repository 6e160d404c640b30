import type { TraceHit } from '@/lib/api/pages/trace-hit';

/**
 * The traces of every page loaded so far, in page order, each trace once: keyset pages do not
 * overlap on a stable data set, but a trace whose late spans move its sort key between two
 * requests could come back on a later page, and a list keyed by trace id must not repeat it.
 */
export const mergeTracePages = (pages: readonly { traces: readonly TraceHit[] }[]): TraceHit[] => {
  const seen = new Set<string>();
  const merged: TraceHit[] = [];
  for (const page of pages) {
    for (const hit of page.traces) {
      if (seen.has(hit.traceId)) continue;
      seen.add(hit.traceId);
      merged.push(hit);
    }
  }
  return merged;
};
