import { describe, expect, it } from 'vitest';
import { sortTraceHits } from './sort-trace-hits';
import type { TraceHit } from '@/lib/api/pages/trace-hit';

const hit = (traceId: string, startUs: number, durationUs: number, spanCount: number, errorSpanCount: number): TraceHit => ({
  traceId, rootServiceName: 's', rootOperationName: 'op', startUs, durationUs, spanCount, errorSpanCount, services: [],
});

const hits = [hit('a', 100, 50, 3, 0), hit('b', 300, 10, 9, 2), hit('c', 200, 90, 3, 1)];
const ids = (sort: Parameters<typeof sortTraceHits>[1]) => sortTraceHits(hits, sort).map((h) => h.traceId);

describe('sortTraceHits', () => {
  it.each([
    ['newest', ['b', 'c', 'a']],
    ['oldest', ['a', 'c', 'b']],
    ['longest', ['c', 'a', 'b']],
    ['shortest', ['b', 'a', 'c']],
    ['most-spans', ['b', 'c', 'a']], // a and c tie on spans: newest first
    ['most-errors', ['b', 'c', 'a']],
  ] as const)('%s', (sort, expected) => {
    expect(ids(sort)).toEqual(expected);
  });

  it('leaves its input alone', () => {
    sortTraceHits(hits, 'longest');
    expect(hits.map((h) => h.traceId)).toEqual(['a', 'b', 'c']);
  });
});
