import { describe, expect, it } from 'vitest';
import {
  serviceNameOf,
  setAttribute,
  spanKindOfEnumName,
  spanKindOfWord,
  spanKindWord,
  statusCodeName,
  statusCodeOfEnumName,
  statusCodeOfName,
  toJaegerSpanKind,
} from './conventions';
import type { EncodedAttributes } from './attribute-value';
import { SpanKind, StatusCode } from './span-record';

describe('span kind words', () => {
  it.each([
    [SpanKind.UNSPECIFIED, 'unspecified', ''],
    [SpanKind.INTERNAL, 'internal', 'internal'],
    [SpanKind.SERVER, 'server', 'server'],
    [SpanKind.CLIENT, 'client', 'client'],
    [SpanKind.PRODUCER, 'producer', 'producer'],
    [SpanKind.CONSUMER, 'consumer', 'consumer'],
  ] as const)('%i ↔ %s (Jaeger: %j)', (kind, word, jaeger) => {
    expect(spanKindWord(kind)).toBe(word);
    expect(toJaegerSpanKind(kind)).toBe(jaeger);
    expect(spanKindOfWord(word)).toBe(kind);
    expect(spanKindOfWord(word.toUpperCase())).toBe(kind);
    expect(spanKindOfEnumName(`SPAN_KIND_${word.toUpperCase()}`)).toBe(kind);
    expect(spanKindOfEnumName(word)).toBe(kind);
  });

  it('has no word for a number that is no kind', () => {
    expect(spanKindWord(6)).toBeUndefined();
    expect(toJaegerSpanKind(-1)).toBe('');
  });

  it.each(['', 'rpc', 'constructor', '__proto__', 'toString'])('reads %j as no kind', (word) => {
    expect(spanKindOfWord(word)).toBeUndefined();
    expect(spanKindOfEnumName(word)).toBeUndefined();
  });

  it('takes the SPAN_KIND_ prefix only as an OTLP enum name', () => {
    expect(spanKindOfWord('SPAN_KIND_SERVER')).toBeUndefined();
    expect(spanKindOfEnumName('span_kind_server')).toBe(SpanKind.SERVER);
  });
});

describe('status code names', () => {
  it.each([
    [StatusCode.UNSET, 'UNSET'],
    [StatusCode.OK, 'OK'],
    [StatusCode.ERROR, 'ERROR'],
  ] as const)('%i ↔ %s', (code, name) => {
    expect(statusCodeName(code)).toBe(name);
    expect(statusCodeOfName(name)).toBe(code);
    expect(statusCodeOfName(name.toLowerCase())).toBe(code);
    expect(statusCodeOfEnumName(`STATUS_CODE_${name}`)).toBe(code);
    expect(statusCodeOfEnumName(`status_code_${name.toLowerCase()}`)).toBe(code);
    expect(statusCodeOfEnumName(name)).toBe(code);
  });

  it('reads anything else as no status', () => {
    expect(statusCodeName(3)).toBeUndefined();
    expect(statusCodeOfName('STATUS_CODE_ERROR')).toBeUndefined();
    expect(statusCodeOfName('constructor')).toBeUndefined();
    expect(statusCodeOfEnumName('failed')).toBeUndefined();
  });
});

describe('setAttribute', () => {
  it('stores a key named __proto__ as an ordinary key and leaves the prototype alone', () => {
    const out: EncodedAttributes = {};
    setAttribute(out, '__proto__', 'x');
    setAttribute(out, 'a', 1);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    expect(JSON.parse(JSON.stringify(out)).__proto__).toBe('x');
  });
});

describe('serviceNameOf', () => {
  it('is service.name when that is a non-empty string, else unknown_service', () => {
    expect(serviceNameOf({ 'service.name': 'cart' })).toBe('cart');
    expect(serviceNameOf({ 'service.name': '' })).toBe('unknown_service');
    expect(serviceNameOf({ 'service.name': 7 })).toBe('unknown_service');
    expect(serviceNameOf({})).toBe('unknown_service');
  });
});
