import { describe, expect, it } from 'vitest';
import { parseTraceLookup, safeDecode } from './parse-trace-lookup';

const T32 = '4bf92f3577b34da6a3ce929d0e0e4736';
const S16 = '00f067aa0ba902b7';

describe('parseTraceLookup', () => {
  it.each([
    ['a 32-hex id', T32, [T32]],
    ['an upper-case id', T32.toUpperCase(), [T32]],
    ['an id with surrounding space and quotes', `  "${T32}"\n`, [T32]],
    ['a 64-bit id with leading zeros dropped', 'a3ce929d0e0e4736', ['0000000000000000a3ce929d0e0e4736']],
    ['a 64-bit id padded to 32', '0000000000000000a3ce929d0e0e4736', ['0000000000000000a3ce929d0e0e4736']],
    ['a short id', 'F067aa0ba902b7', ['000000000000000000f067aa0ba902b7']],
    ['a UUID-formatted id', '4bf92f35-77b3-4da6-a3ce-929d0e0e4736', [T32]],
    ['a W3C traceparent', `00-${T32}-${S16}-01`, [T32]],
    ['a traceparent header line', `traceparent: 00-${T32}-${S16}-01`, [T32]],
    ['a b3 single header', `b3: ${T32}-${S16}-1-05e3ac9a4f6e3b90`, [T32]],
    ['a b3 value with a 64-bit trace id', `a3ce929d0e0e4736-${S16}-1`, ['0000000000000000a3ce929d0e0e4736']],
    ['an X-B3-TraceId header', `X-B3-TraceId: ${T32}`, [T32]],
    ['an uber-trace-id header', `uber-trace-id: ${T32}:${S16}:0:1`, [T32]],
    ['a URL-encoded uber-trace-id', `a3ce929d0e0e4736%3A${S16}%3A0%3A1`, ['0000000000000000a3ce929d0e0e4736']],
    ['an X-Ray id', 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1', ['5759e988bd862e3fe1be46a994272793']],
    ['an X-Amzn-Trace-Id header', 'X-Amzn-Trace-Id: Root=1-5759e988-bd862e3fe1be46a994272793', ['5759e988bd862e3fe1be46a994272793']],
    ['an X-Trace-Id header line', `X-Trace-Id: ${T32}`, [T32]],
    ['a Spanscope trace URL', `http://localhost:16686/trace/${T32}?span=${S16}`, [T32]],
  ])('reads %s', (_name, input, traceIds) => {
    expect(parseTraceLookup(input).traceIds).toEqual(traceIds);
  });

  it('finds the first recognised header in a pasted block of response headers', () => {
    const block = [
      'HTTP/1.1 502 Bad Gateway',
      'content-type: application/json',
      'date: Sun, 22 Nov 2026 05:00:00 GMT',
      `x-trace-id: ${T32.toUpperCase()}`,
      'traceparent: 00-11111111111111111111111111111111-2222222222222222-01',
    ].join('\r\n');
    expect(parseTraceLookup(block)).toMatchObject({ traceIds: [T32] });
  });

  it('offers a 16-hex id as both a 64-bit trace id and a span id, trace first', () => {
    expect(parseTraceLookup(S16)).toEqual({
      traceIds: ['000000000000000000f067aa0ba902b7'],
      spanIds: [S16],
      format: 'trace id',
    });
  });

  it('keeps the span id of a traceparent as a fallback', () => {
    expect(parseTraceLookup(`00-${T32}-${S16}-01`).spanIds).toEqual([S16]);
  });

  it('reads an X-B3-SpanId header as a span id only', () => {
    expect(parseTraceLookup(`X-B3-SpanId: ${S16}`)).toMatchObject({ traceIds: [], spanIds: [S16] });
  });

  it.each(['', '   ', 'hello world', 'zzzz', '0000000000000000', 'content-type: text/html'])(
    'recognises nothing in %j',
    (input) => {
      expect(parseTraceLookup(input)).toMatchObject({ traceIds: [], spanIds: [] });
    },
  );
});

describe('safeDecode', () => {
  it('decodes escapes and leaves a malformed one as typed', () => {
    expect(safeDecode('abc%20def')).toBe('abc def');
    expect(safeDecode('100%')).toBe('100%');
  });
});
