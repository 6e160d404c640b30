import { describe, expect, it } from 'vitest';
import { SpanKind } from '@/lib/model/span-record';
import { toJaegerSpanKind } from '@/lib/model/conventions';
import { parseSpanKind } from './parse-span-kind';
import { QueryParamError } from './query-param-error';

describe('span kinds', () => {
  it.each([
    ['server', SpanKind.SERVER],
    ['client', SpanKind.CLIENT],
    ['producer', SpanKind.PRODUCER],
    ['consumer', SpanKind.CONSUMER],
    ['internal', SpanKind.INTERNAL],
  ] as const)('%s ↔ %i', (word, kind) => {
    expect(parseSpanKind(word)).toBe(kind);
    expect(parseSpanKind(word.toUpperCase())).toBe(kind);
    expect(toJaegerSpanKind(kind)).toBe(word);
  });

  it("maps unspecified to '' and back", () => {
    expect(toJaegerSpanKind(SpanKind.UNSPECIFIED)).toBe('');
    expect(parseSpanKind('')).toBe(SpanKind.UNSPECIFIED);
    expect(parseSpanKind('unspecified')).toBe(SpanKind.UNSPECIFIED);
  });

  it.each(['rpc', 'constructor', 'SPAN_KIND_SERVER'])('rejects %s, naming the parameter', (word) => {
    const err = (() => {
      try {
        parseSpanKind(word, 'span_kind');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(QueryParamError);
    expect(err).toMatchObject({ param: 'span_kind', message: expect.stringContaining(`unsupported span kind '${word}'`) });
  });
});
