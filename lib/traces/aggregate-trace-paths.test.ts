import { describe, expect, test } from 'vitest';
import { aggregateTracePaths, PathIndex, type PathSpan } from './aggregate-trace-paths';
import { diffTracePaths } from './diff-trace-paths';
import { medianTracePaths } from './median-trace-paths';

// Hand-built traces with known answers: paths, counts, totals and self times; then the diff and
// the baseline's medians.

const span = (spanId: string, parentSpanId: string, service: string, name: string, start: number, end: number): PathSpan => ({
  spanId, parentSpanId, name, startNs: BigInt(start), endNs: BigInt(end), resource: { serviceName: service },
});

const summary = (spans: PathSpan[]) => {
  const index = new PathIndex();
  return Object.fromEntries([...aggregateTracePaths(spans, index).values()].map((n) => [index.pathOf(n.id).join(' > '), [n.count, Number(n.totalNs), Number(n.selfNs)]]));
};

describe('aggregateTracePaths', () => {
  test('sequential children: self time is what they leave uncovered, and siblings on the same path add up', () => {
    expect(summary([
      span('r', '', 'web', 'GET', 0, 100),
      span('a', 'r', 'db', 'query', 10, 30),
      span('b', 'r', 'db', 'query', 40, 60),
      span('c', 'r', 'cache', 'get', 70, 80),
    ])).toEqual({ 'web:GET': [1, 100, 50], 'web:GET > db:query': [2, 40, 40], 'web:GET > cache:get': [1, 10, 10] });
  });

  test('concurrent children are not subtracted twice', () => {
    expect(summary([span('r', '', 'web', 'GET', 0, 100), span('a', 'r', 'db', 'q', 10, 60), span('b', 'r', 'db', 'q', 20, 50)])['web:GET']).toEqual([1, 100, 50]);
  });

  test('a child that outlives its parent is clipped; one entirely outside subtracts nothing', () => {
    const s = summary([span('r', '', 'web', 'GET', 0, 100), span('a', 'r', 'db', 'q', 80, 150), span('b', 'r', 'q', 'late', 200, 300)]);
    expect(s['web:GET']).toEqual([1, 100, 80]);
    expect(s['web:GET > db:q']).toEqual([1, 70, 70]);
    expect(s['web:GET > q:late']).toEqual([1, 100, 100]);
  });

  test('two roots, a missing parent and a parent cycle each start a path; every span counts once', () => {
    const s = summary([
      span('r1', '', 'web', 'GET', 0, 10),
      span('r2', '', 'web', 'GET', 20, 30),
      span('o', 'gone', 'worker', 'job', 5, 8),
      span('x', 'y', 'loop', 'x', 40, 50),
      span('y', 'x', 'loop', 'y', 41, 45),
    ]);
    expect(s).toEqual({ 'web:GET': [2, 20, 20], 'worker:job': [1, 3, 3], 'loop:x': [1, 10, 6], 'loop:x > loop:y': [1, 4, 4] });
  });

  test('on a trace whose siblings never overlap, the self times sum to the root duration', () => {
    const spans = [span('r', '', 'a', 'root', 0, 1000)];
    for (let i = 0; i < 10; i++) {
      spans.push(span(`c${i}`, 'r', 'b', `op${i % 3}`, i * 100, i * 100 + 60));
      spans.push(span(`g${i}`, `c${i}`, 'c', 'leaf', i * 100 + 10, i * 100 + 20));
    }
    const total = [...aggregateTracePaths(spans, new PathIndex()).values()].reduce((n, node) => n + node.selfNs, 0n);
    expect(total).toBe(1000n);
  });

  test('a 100,000-deep chain does not overflow the stack', () => {
    const spans = Array.from({ length: 100_000 }, (_, i) => span(`s${i}`, i === 0 ? '' : `s${i - 1}`, 'svc', 'op', i, 200_000 - i));
    const index = new PathIndex();
    const nodes = aggregateTracePaths(spans, index);
    expect(nodes.size).toBe(100_000);
    expect(nodes.get(index.find(['svc:op', 'svc:op'])!)).toMatchObject({ count: 1, totalNs: 199_998n, selfNs: 2n });
  });
});

describe('diffTracePaths', () => {
  test('only in A, only in B and changed nodes, the biggest change of total duration first', () => {
    const index = new PathIndex();
    const a = aggregateTracePaths([span('r', '', 'web', 'GET', 0, 100), span('q', 'r', 'db', 'q', 10, 20), span('c', 'r', 'cache', 'get', 30, 35)], index);
    const b = aggregateTracePaths([span('r', '', 'web', 'GET', 0, 400), span('q', 'r', 'db', 'q', 10, 300), span('n', 'r', 'auth', 'check', 310, 330)], index);
    expect(diffTracePaths(a, b, index).map((n) => [n.path.join(' > '), n.a?.totalNs ?? null, n.b?.totalNs ?? null])).toEqual([
      ['web:GET', 100n, 400n],
      ['web:GET > db:q', 10n, 290n],
      ['web:GET > auth:check', null, 20n],
      ['web:GET > cache:get', 5n, null],
    ]);
  });
});

describe('medianTracePaths', () => {
  test('per node, the lower median over the traces, a missing node counting as zero; rare nodes are left out', () => {
    const index = new PathIndex();
    const trace = (dbNs: number, extra: boolean) =>
      aggregateTracePaths([
        span('r', '', 'web', 'GET', 0, 1000),
        span('q', 'r', 'db', 'q', 0, dbNs),
        ...(extra ? [span('e', 'r', 'rare', 'x', 900, 950)] : []),
      ], index);
    const median = medianTracePaths([trace(10, true), trace(30, false), trace(20, false), trace(40, false)]);
    expect(median.get(index.find(['web:GET', 'db:q'])!)).toMatchObject({ count: 1, totalNs: 20n, selfNs: 20n });
    expect(median.get(index.find(['web:GET'])!)).toMatchObject({ count: 1, totalNs: 1000n });
    expect(median.has(index.find(['web:GET', 'rare:x'])!)).toBe(false);
  });
});
