import { describe, expect, it } from 'vitest';
import type { TraceHit } from '@/lib/api/pages/trace-hit';
import { mergeTracePages } from './merge-trace-pages';

const hit = (traceId: string, durationUs: number): TraceHit => ({
  traceId, rootServiceName: 's', rootOperationName: 'op', startUs: 1, durationUs, spanCount: 1, errorSpanCount: 0, services: [],
});

describe('mergeTracePages', () => {
  it('keeps page order and lists a trace seen on two pages once, where it first appeared', () => {
    const pages = [{ traces: [hit('a', 9), hit('b', 8)] }, { traces: [hit('b', 7), hit('c', 6)] }, { traces: [] }];
    expect(mergeTracePages(pages).map((h) => [h.traceId, h.durationUs])).toEqual([['a', 9], ['b', 8], ['c', 6]]);
  });

  it('is empty without pages', () => {
    expect(mergeTracePages([])).toEqual([]);
  });
});
