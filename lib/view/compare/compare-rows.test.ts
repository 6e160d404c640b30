import { describe, expect, test } from 'vitest';
import type { CompareAnswer } from '@/lib/api/pages/compare-answer';
import { compareRows, countCompareRows, filterCompareRows } from './compare-rows';
import { splitComparePair } from './compare-pair';

const side = (count: number, totalNs: number, selfNs = totalNs) => ({ count, totalNs: String(totalNs), selfNs: String(selfNs) });
const trace = { traceId: 'a'.repeat(32), rootService: 'web', rootOperation: 'GET', durationNs: '1', spanCount: 1 };

describe('compareRows', () => {
  const answer: CompareAnswer = {
    a: trace,
    b: { ...trace, traceId: 'b'.repeat(32) },
    nodes: [
      { path: ['web:GET', 'db:q'], a: side(1, 10_000), b: side(1, 290_000) },
      { path: ['web:GET', 'auth:check'], a: null, b: side(1, 20_000) },
      { path: ['web:GET', 'cache:get'], a: side(1, 5_000), b: null },
      { path: ['web:GET', 'log:write'], a: side(2, 4_000), b: side(1, 4_000) },
      { path: ['web:GET'], a: side(1, 1_000), b: side(1, 1_000) },
    ],
  };

  test('names what happened to each path, with the change in µs', () => {
    expect(compareRows(answer).map((r) => [r.status, r.deltaUs])).toEqual([
      ['slower', 280], ['only-b', 20], ['only-a', -5], ['changed', 0], ['same', 0],
    ]);
  });

  test('filters and counts', () => {
    const rows = compareRows(answer);
    expect(filterCompareRows(rows, 'changed')).toHaveLength(4);
    expect(filterCompareRows(rows, 'only-b').map((r) => r.node.path.at(-1))).toEqual(['auth:check']);
    expect(countCompareRows(rows)).toEqual({ onlyA: 1, onlyB: 1, changed: 2, same: 1 });
  });
});

describe('splitComparePair', () => {
  test('splits on the last "...", sides trimmed; nothing without both sides', () => {
    expect(splitComparePair('abc...def')).toEqual({ a: 'abc', b: 'def' });
    expect(splitComparePair('traceparent: 00-x...baseline')).toEqual({ a: 'traceparent: 00-x', b: 'baseline' });
    expect(splitComparePair('abc')).toBeUndefined();
    expect(splitComparePair('abc...')).toBeUndefined();
  });
});
