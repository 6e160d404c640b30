import { describe, expect, it } from 'vitest';
import { oneSpanOfEachId, sharedServerSpanId } from './duplicate-spans';
import { SpanKind } from './span-record';

type S = { spanId: string; parentSpanId: string; kind: number; service: string; at: number };
const s = (spanId: string, parentSpanId: string, kind: number, service: string, at: number): S => ({ spanId, parentSpanId, kind, service, at });
const once = (spans: S[]) =>
  oneSpanOfEachId(spans, (x) => x, (a, b) => a.at < b.at, (x, spanId, parentSpanId) => ({ ...x, spanId, parentSpanId }), 'trace1')
    .map((x) => [x.spanId, x.parentSpanId, x.service]);

describe('oneSpanOfEachId', () => {
  it('keeps the preferred copy of a repeated span id', () => {
    expect(once([s('a', '', SpanKind.SERVER, 'web', 1), s('a', '', SpanKind.SERVER, 'web', 0), s('b', 'a', 1, 'web', 2)])).toEqual([
      ['a', '', 'web'],
      ['b', 'a', 'web'],
    ]);
  });

  it('tells a shared server span from its client twin: the server under the client, its own children under it', () => {
    const derived = sharedServerSpanId('trace1', 'x');
    const spans = [
      s('r', '', SpanKind.SERVER, 'web', 0),
      s('x', 'r', SpanKind.CLIENT, 'web', 1),
      s('x', 'r', SpanKind.SERVER, 'api', 2),
      s('x', 'r', SpanKind.SERVER, 'api', 3), // a retry of the server half
      s('q', 'x', SpanKind.CLIENT, 'api', 4),
    ];
    expect(once(spans)).toEqual([
      ['r', '', 'web'],
      ['x', 'r', 'web'],
      [derived, 'x', 'api'],
      ['q', derived, 'api'],
    ]);
    // whatever order the rows come in
    expect(once([...spans].reverse().map((x, i) => ({ ...x, at: spans.length - i }))).sort()).toEqual(once(spans).sort());
  });

  it('keeps the id and parent of a server span that shares its id with no client span', () => {
    const spans = [s('x', 'gw', SpanKind.SERVER, 'api', 0), s('q', 'x', SpanKind.CLIENT, 'api', 1)];
    expect(once(spans)).toEqual([
      ['x', 'gw', 'api'],
      ['q', 'x', 'api'],
    ]);
  });

  it('derives a stable 16-hex id that differs per trace and per shared id', () => {
    expect(sharedServerSpanId('t', 'x')).toMatch(/^[0-9a-f]{16}$/);
    expect(sharedServerSpanId('t', 'x')).toBe(sharedServerSpanId('t', 'x'));
    expect(new Set([sharedServerSpanId('t', 'x'), sharedServerSpanId('u', 'x'), sharedServerSpanId('t', 'y')]).size).toBe(3);
  });
});
