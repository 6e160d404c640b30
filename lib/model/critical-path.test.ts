import { describe, expect, test } from 'vitest';
import { computeCriticalPath } from './critical-path';
import { SpanKind, type SpanRecord } from './span-record';
import { makeSpan, START_NS } from './testing/make-span-record';

// Hand-built traces whose critical path is worked out by hand (times in ms from START_NS), each
// answer being what jaeger-ui's CriticalPath computes for the same spans.

const ms = (n: number) => START_NS + BigInt(n) * 1_000_000n;
const span = (id: string, parent: string, from: number, to: number, extra: Partial<SpanRecord> = {}) =>
  makeSpan({ spanId: id.padStart(16, '0'), parentSpanId: parent ? parent.padStart(16, '0') : '', startNs: ms(from), endNs: ms(to), ...extra });
/** sections as [span id without its zero padding, from ms, to ms] */
const path = (spans: SpanRecord[]) =>
  computeCriticalPath(spans).map((s) => [s.spanId.replace(/^0+/, ''), Number((s.startNs - START_NS) / 1_000_000n), Number((s.endNs - START_NS) / 1_000_000n)]);

describe('computeCriticalPath', () => {
  test('sequential children: the walk goes back through each in turn, the parent fills the gaps', () => {
    expect(path([span('a', '', 0, 100), span('b', 'a', 10, 40), span('c', 'a', 50, 90)])).toEqual([
      ['a', 90, 100],
      ['c', 50, 90],
      ['a', 40, 50],
      ['b', 10, 40],
      ['a', 0, 10],
    ]);
  });

  test('concurrent children: only the last-finishing one is on the path; one hidden under it is not', () => {
    expect(path([span('a', '', 0, 100), span('b', 'a', 10, 80), span('c', 'a', 20, 60)])).toEqual([
      ['a', 80, 100],
      ['b', 10, 80],
      ['a', 0, 10],
    ]);
  });

  test('a child that outlives its parent is clipped to the parent’s end', () => {
    expect(path([span('a', '', 0, 100), span('b', 'a', 60, 150)])).toEqual([
      ['b', 60, 100],
      ['a', 0, 60],
    ]);
    // nested: the grandchild is clipped to its (unclipped) parent; the parent's empty section is left out
    expect(path([span('a', '', 0, 100), span('b', 'a', 10, 50), span('c', 'b', 40, 70)])).toEqual([
      ['a', 50, 100],
      ['c', 40, 50],
      ['b', 10, 40],
      ['a', 0, 10],
    ]);
  });

  test('a child entirely outside its parent is dropped with its subtree', () => {
    const spans = [span('a', '', 0, 100), span('b', 'a', 10, 30), span('c', 'a', 120, 150), span('e', 'c', 125, 130), span('d', 'a', -50, -10), span('f', 'a', 100, 110)];
    expect(path(spans)).toEqual([
      ['a', 30, 100],
      ['b', 10, 30],
      ['a', 0, 10],
    ]);
  });

  test('two roots each get their own path, the earlier root first', () => {
    expect(path([span('r2', '', 60, 100), span('r1', '', 0, 50), span('x', 'r1', 10, 20)])).toEqual([
      ['r1', 20, 50],
      ['x', 10, 20],
      ['r1', 0, 10],
      ['r2', 60, 100],
    ]);
  });

  test('a span whose parent is missing is a root of its own, and nothing throws', () => {
    expect(path([span('a', '', 0, 100), span('b', 'ffff', 10, 90), span('c', 'b', 20, 30)])).toEqual([
      ['a', 0, 100],
      ['b', 30, 90],
      ['c', 20, 30],
      ['b', 10, 20],
    ]);
    expect(path([span('b', 'ffff', 10, 90)])).toEqual([['b', 10, 90]]);
  });

  test('a span that only has a link, no parent, is a root', () => {
    const a = span('a', '', 0, 100);
    const linked = span('l', '', 20, 60, { links: [{ t: a.traceId, s: a.spanId }] });
    expect(path([a, linked, span('m', 'l', 30, 40)])).toEqual([
      ['a', 0, 100],
      ['l', 40, 60],
      ['m', 30, 40],
      ['l', 20, 30],
    ]);
  });

  test('a consumer under a producer does not block it (jaeger-ui’s isBlockingSpan)', () => {
    const spans = [
      span('a', '', 0, 100),
      span('p', 'a', 10, 20, { kind: SpanKind.PRODUCER }),
      span('q', 'p', 15, 19, { kind: SpanKind.CONSUMER }),
    ];
    expect(path(spans)).toEqual([
      ['a', 20, 100],
      ['p', 10, 20],
      ['a', 0, 10],
    ]);
    // the same child as a plain INTERNAL span is on the path
    expect(path([spans[0], spans[1], span('q', 'p', 15, 19)])).toContainEqual(['q', 15, 19]);
  });

  test('children ending together: the earlier-starting one is taken, as jaeger-ui’s scan does', () => {
    expect(path([span('a', '', 0, 100), span('c', 'a', 30, 80), span('b', 'a', 10, 80)])).toEqual([
      ['a', 80, 100],
      ['b', 10, 80],
      ['a', 0, 10],
    ]);
  });

  test('a duplicate span id counts once (the first copy) and a span naming itself as parent is a root', () => {
    expect(path([span('a', '', 0, 100), span('a', '', 0, 500), span('s', 's', 200, 300)])).toEqual([
      ['a', 0, 100],
      ['s', 200, 300],
    ]);
  });

  test('a 100,000-deep chain is walked without overflowing the stack: two sections per span, one for the leaf', () => {
    const n = 100_000;
    const spans = Array.from({ length: n }, (_, i) => span((i + 1).toString(16), i ? i.toString(16) : '', i, 2 * n - i));
    const sections = computeCriticalPath(spans);
    expect(sections).toHaveLength(2 * n - 1);
    expect(sections[0]).toMatchObject({ startNs: ms(2 * n - 1), endNs: ms(2 * n) });
    expect(sections.at(-1)).toMatchObject({ startNs: ms(0), endNs: ms(1) });
  });
});
