import { describe, expect, test } from 'vitest';
import { computeSelfTimes } from './self-time';
import { buildSpanTree } from './span-tree';
import type { SpanRecord } from './span-record';
import { makeSpan, START_NS } from './testing/make-span-record';

const ms = (n: number) => START_NS + BigInt(n) * 1_000_000n;
const span = (id: string, parent: string, from: number, to: number): SpanRecord =>
  makeSpan({ spanId: id.padStart(16, '0'), parentSpanId: parent ? parent.padStart(16, '0') : '', startNs: ms(from), endNs: ms(to) });
/** self time of each span, in ms, by span id without its padding */
const selfMs = (spans: SpanRecord[]) => {
  const tree = buildSpanTree(spans);
  const self = computeSelfTimes(tree);
  return Object.fromEntries(tree.spans.map((s, i) => [s.spanId.replace(/^0+/, ''), self[i] / 1e6]));
};

describe('computeSelfTimes', () => {
  test('sequential children are each subtracted', () => {
    expect(selfMs([span('a', '', 0, 100), span('b', 'a', 10, 40), span('c', 'a', 50, 90)])).toEqual({ a: 30, b: 30, c: 40 });
  });

  test('concurrent children are subtracted once, as their union', () => {
    expect(selfMs([span('a', '', 0, 100), span('b', 'a', 10, 80), span('c', 'a', 20, 60), span('d', 'a', 70, 85)])).toEqual({ a: 25, b: 70, c: 40, d: 15 });
  });

  test('a child that outlives its parent only counts while the parent runs', () => {
    expect(selfMs([span('a', '', 0, 100), span('b', 'a', 60, 150)])).toEqual({ a: 60, b: 90 });
  });

  test('a child entirely outside its parent takes nothing from it', () => {
    expect(selfMs([span('a', '', 0, 100), span('c', 'a', 120, 150), span('d', 'a', -50, -10)])).toEqual({ a: 100, c: 30, d: 40 });
  });

  test('two roots, a missing parent and a root with only a link: each span is measured against its own children', () => {
    const a = span('a', '', 0, 100);
    const l = { ...span('l', '', 20, 60), links: [{ t: a.traceId, s: a.spanId }] };
    expect(selfMs([a, span('r2', '', 200, 300), span('b', 'ffff', 10, 90), span('c', 'b', 20, 30), l, span('m', 'l', 30, 40)])).toEqual({
      a: 100,
      r2: 100,
      b: 70,
      c: 10,
      l: 30,
      m: 10,
    });
  });

  test('when siblings never overlap, the self times add up to the root’s duration', () => {
    const spans = [
      span('r', '', 0, 1000),
      span('a', 'r', 10, 400),
      span('a1', 'a', 20, 100),
      span('a2', 'a', 100, 250),
      span('a21', 'a2', 110, 240),
      span('b', 'r', 400, 900),
      span('b1', 'b', 401, 899),
      span('b11', 'b1', 500, 600),
      span('b12', 'b1', 600, 700),
    ];
    const self = computeSelfTimes(buildSpanTree(spans));
    expect(self.reduce((x, y) => x + y, 0)).toBe(Number(spans[0].endNs - spans[0].startNs));
  });
});
