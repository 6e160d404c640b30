import { describe, expect, test } from 'vitest';
import { highlightTraceql } from './highlight-traceql';

const kinds = (text: string) => highlightTraceql(text).filter((t) => t.kind !== 'text').map((t) => [t.kind, text.slice(t.start, t.end)]);

describe('highlightTraceql', () => {
  test('colours attributes, intrinsics, operators, values', () => {
    expect(kinds('{ resource.service.name = "shop" && span:duration > 2s && status = error }')).toEqual([
      ['brace', '{'],
      ['attribute', 'resource.service.name'],
      ['operator', '='],
      ['string', '"shop"'],
      ['operator', '&&'],
      ['intrinsic', 'span:duration'],
      ['operator', '>'],
      ['number', '2s'],
      ['operator', '&&'],
      ['intrinsic', 'status'],
      ['operator', '='],
      ['keyword', 'error'],
      ['brace', '}'],
    ]);
  });

  test('covers every character, even of text that does not parse, so the overlay lines up', () => {
    for (const text of ['{ .a = "unclosed', '{ span.x =~ "a.*" } >> { } | count() > 2', '@@ ??', '']) {
      const tokens = highlightTraceql(text);
      expect(tokens.map((t) => text.slice(t.start, t.end)).join('')).toBe(text);
      tokens.forEach((t, i) => i > 0 && expect(t.start).toBe(tokens[i - 1].end));
    }
  });
});
