import { describe, expect, test } from 'vitest';
import { addDurationRange, durationRangeOf } from './add-duration-range';
import { DEFAULT_EXPLORE_STATE, parseExploreState, toExploreParams } from './explore-state';
import { sortGroups } from './sort-groups';

describe('addDurationRange', () => {
  test('adds the range to an empty filter and to a span filter', () => {
    expect(addDurationRange('', 1_000_000n, 5_000_000n)).toBe('{ span:duration >= 1ms && span:duration <= 5ms }');
    expect(addDurationRange('{ span.http.route = "/a" }', 1_000_000n, 5_000_000n)).toBe(
      '{ span.http.route = "/a" && span:duration >= 1ms && span:duration <= 5ms }',
    );
  });
  test('replaces a range brushed before', () => {
    const once = addDurationRange('{ status = error }', 1_000_000n, 5_000_000n)!;
    expect(addDurationRange(once, 2_000_000n, 3_000_000n)).toBe('{ span:status = error && span:duration >= 2ms && span:duration <= 3ms }');
    expect(durationRangeOf(addDurationRange(once, 2_000_000n, 3_000_000n)!)).toEqual({ lowNs: 2_000_000n, highNs: 3_000_000n });
  });
  test('a filter without a per-span reading takes no range', () => {
    expect(addDurationRange('{ .a = 1 } && { .b = 2 }', 1n, 2n)).toBeUndefined();
    expect(addDurationRange('{ nope', 1n, 2n)).toBeUndefined();
  });
});

describe('sortGroups', () => {
  const row = (k: string | null, count: number, errorCount: number, p95: number) => ({ key: { k }, count, errorCount, p50Ns: '0', p95Ns: String(p95), p99Ns: '0' });
  const rows = [row('b', 10, 1, 300), row(null, 5, 5, 100), row('a', 20, 0, 200), row('c10', 1, 0, 1000), row('c9', 1, 1, 50)];
  test('by any column, both directions, missing key values last', () => {
    expect(sortGroups(rows, 'count', 'desc').map((r) => r.key.k)).toEqual(['a', 'b', null, 'c10', 'c9']);
    expect(sortGroups(rows, 'p95Ns', 'asc').map((r) => r.key.k)).toEqual(['c9', null, 'a', 'b', 'c10']);
    expect(sortGroups(rows, 'errorRate', 'desc').map((r) => r.key.k)).toEqual([null, 'c9', 'b', 'a', 'c10']);
    expect(sortGroups(rows, 'k', 'asc').map((r) => r.key.k)).toEqual(['a', 'b', 'c9', 'c10', null]);
    expect(sortGroups(rows, 'k', 'desc').map((r) => r.key.k)).toEqual(['c10', 'c9', 'b', 'a', null]);
  });
});

describe('explore state in the URL', () => {
  test('round-trips', () => {
    const s = { ...DEFAULT_EXPLORE_STATE, q: '{ status = error }', groupBy: ['service', 'span.http.route'], startMs: 1000, endMs: 2000, sort: 'p95Ns', dir: 'asc' as const };
    expect(parseExploreState(toExploreParams(s))).toEqual(s);
  });
  test('keeps at most three keys and ignores junk', () => {
    const s = parseExploreState(new URLSearchParams('groupBy=a,b,c,d&range=9y&dir=up&chart=x&start=5'));
    expect(s.groupBy).toEqual(['a', 'b', 'c']);
    expect(s.range).toBe('1h');
    expect(s.dir).toBe('desc');
    expect(s.chart).toBe('count');
    expect(s.startMs).toBeUndefined();
  });
});

import { bucketCounts, exceptionSearchQuery, sparklinePoints } from './exception-views';
import { parseTraceQL } from '@/lib/filter/parse-traceql';

describe('exceptions page helpers', () => {
  test('the search query of a group parses back and names the service and type', () => {
    const q = exceptionSearchQuery('check "out"', 'IOError');
    expect(q).toBe('{ resource.service.name = "check \\"out\\"" && event:name = "exception" && event.exception.type = "IOError" }');
    expect(parseTraceQL(q).ok).toBe(true);
  });
  test('sparkline: every bucket, zero where absent, scaled to the box', () => {
    const counts = bucketCounts([{ t: '20', count: 4 }, { t: '40', count: 2 }], { startNs: '0', endNs: '50' }, '10');
    expect(counts).toEqual([0, 0, 4, 0, 2]);
    expect(sparklinePoints(counts, 40, 11)).toBe('0.0,10.5 10.0,10.5 20.0,0.5 30.0,10.5 40.0,5.5');
  });
});

import { splitDurationRange } from './add-duration-range';

describe('splitDurationRange', () => {
  test('the filter without its brushed range, and the range as the selection', () => {
    expect(splitDurationRange('{ span.a = "x" && span:duration >= 2ms && span:duration <= 3ms }')).toEqual({
      base: '{ span.a = "x" }',
      selection: '{ span:duration >= 2ms && span:duration <= 3ms }',
    });
    expect(splitDurationRange('{ span:duration >= 2ms && span:duration <= 3ms }')).toEqual({ base: '', selection: '{ span:duration >= 2ms && span:duration <= 3ms }' });
    expect(splitDurationRange('{ span.a = "x" }')).toBeUndefined();
  });
});
