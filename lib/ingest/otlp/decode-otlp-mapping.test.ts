import { describe, expect, it } from 'vitest';

import type { DecodedBatch } from '@/lib/model/span-record';
import { decodeOtlpJson } from './decode-otlp-json';
import { decodeOtlpProtobuf } from './decode-otlp-protobuf';
import { otlpTypes } from './otlp-proto';
import { toStorableText } from '@/lib/model/conventions';

// Hand-built OTLP requests for what the SDK cannot produce (bytes, maps, empty values, bad ids, …),
// written once as OTLP/JSON and sent through both decoders: as JSON text, and encoded to protobuf
// with our protobufjs schema. Both must give the same records and the same rejections.

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';
const PARENT_ID = 'eee19b7ec3c1b173';

type Json = Record<string, unknown>;

const span = (overrides: Json = {}): Json => ({
  traceId: TRACE_ID,
  spanId: SPAN_ID,
  name: 'GET /x',
  kind: 2,
  startTimeUnixNano: '1700000000000000001',
  endTimeUnixNano: '1700000000500000002',
  ...overrides,
});

const request = (spans: Json[], resourceAttributes: Json[] = [{ key: 'service.name', value: { stringValue: 'api' } }]): Json => ({
  resourceSpans: [{ resource: { attributes: resourceAttributes }, scopeSpans: [{ scope: { name: 'lib', version: '1' }, spans }] }],
});

const ID_FIELDS = new Set(['traceId', 'spanId', 'parentSpanId']);

/** OTLP/JSON object → protobuf bytes: hex ids become bytes; protobufjs's fromObject does the rest. */
const toProtobuf = (json: Json): Uint8Array => {
  const convert = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(convert);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, ID_FIELDS.has(k) && typeof x === 'string' ? Buffer.from(x, 'hex') : convert(x)]),
    );
  };
  const { ExportTraceServiceRequest } = otlpTypes;
  return ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(convert(json) as Json)).finish();
};

const decoders: [string, (json: Json) => DecodedBatch][] = [
  ['json', (json) => decodeOtlpJson(JSON.stringify(json))],
  ['protobuf', (json) => decodeOtlpProtobuf(toProtobuf(json))],
];

describe.each(decoders)('hand-built OTLP requests via %s', (encoding, decode) => {
  it('decodes every AnyValue type into the stored attribute encoding', () => {
    const batch = decode(
      request([
        span({
          attributes: [
            { key: 'str', value: { stringValue: 'hello' } },
            { key: 'empty.str', value: { stringValue: '' } },
            { key: 'bool', value: { boolValue: true } },
            { key: 'int', value: { intValue: '42' } },
            { key: 'int.zero', value: { intValue: '0' } },
            { key: 'int.big', value: { intValue: '9007199254740993' } },
            { key: 'int.min', value: { intValue: '-9223372036854775808' } },
            { key: 'int.max', value: { intValue: '9223372036854775807' } },
            { key: 'double', value: { doubleValue: 0.1 } },
            { key: 'double.int', value: { doubleValue: 3 } },
            { key: 'double.nan', value: { doubleValue: 'NaN' } },
            { key: 'double.inf', value: { doubleValue: '-Infinity' } },
            { key: 'bytes', value: { bytesValue: 'AAEC+v8=' } },
            { key: 'bytes.empty', value: { bytesValue: '' } },
            { key: 'empty', value: {} },
            { key: 'no.value' },
            {
              key: 'array',
              value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }, {}, { arrayValue: { values: [{ boolValue: false }] } }] } },
            },
            { key: 'array.empty', value: { arrayValue: {} } },
            {
              key: 'map',
              value: {
                kvlistValue: {
                  values: [
                    { key: 'k', value: { stringValue: 'v' } },
                    { key: 'inner', value: { kvlistValue: { values: [{ key: 'n', value: { doubleValue: 1.5 } }] } } },
                  ],
                },
              },
            },
            { key: 'map.empty', value: { kvlistValue: {} } },
            { key: 'dup', value: { stringValue: 'first' } },
            { key: 'dup', value: { stringValue: 'last' } },
            { key: '__proto__', value: { stringValue: 'just a key' } },
          ],
        }),
      ]),
    );
    expect(batch.rejected).toEqual([]);
    const attributes = batch.records[0].attributes;
    const expected = {
      str: 'hello',
      'empty.str': '',
      bool: true,
      int: 42,
      'int.zero': 0,
      'int.big': { i: '9007199254740993' },
      'int.min': { i: '-9223372036854775808' },
      'int.max': { i: '9223372036854775807' },
      double: { d: 0.1 },
      'double.int': { d: 3 },
      'double.nan': { d: 'NaN' },
      'double.inf': { d: '-Infinity' },
      bytes: { b: 'AAEC+v8=' },
      'bytes.empty': { b: '' },
      empty: null,
      'no.value': null,
      array: ['a', 1, null, [false]],
      'array.empty': [],
      map: { m: { k: 'v', inner: { m: { n: { d: 1.5 } } } } },
      'map.empty': { m: {} },
      dup: 'last',
    };
    // a key named __proto__ cannot be written in an object literal: it would set the prototype
    Object.defineProperty(expected, '__proto__', { value: 'just a key', enumerable: true, writable: true, configurable: true });
    expect(attributes).toEqual(expected);
    // a key named __proto__ is stored as an ordinary key and leaves the prototype alone
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toBe('just a key');
    expect(JSON.parse(JSON.stringify(attributes)).__proto__).toBe('just a key');
  });

  it('decodes every span field', () => {
    const batch = decode(
      request([
        span({
          parentSpanId: PARENT_ID,
          traceState: 'a=1',
          flags: 0x301,
          kind: 5,
          status: { code: 2, message: 'bad' },
          droppedAttributesCount: 3,
          events: [
            { timeUnixNano: '18446744073709551615', name: 'max', droppedAttributesCount: 7 },
            { timeUnixNano: '1700000000000000009', name: 'e', attributes: [{ key: 'k', value: { intValue: '-1' } }] },
          ],
          droppedEventsCount: 4,
          links: [{ traceId: TRACE_ID, spanId: PARENT_ID, traceState: 'b=2', flags: 1, droppedAttributesCount: 2, attributes: [{ key: 'x', value: { boolValue: false } }] }],
          droppedLinksCount: 5,
        }),
      ]),
    );
    expect(batch.rejected).toEqual([]);
    expect(batch.records[0]).toEqual({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      parentSpanId: PARENT_ID,
      name: 'GET /x',
      kind: 5,
      startNs: 1700000000000000001n,
      endNs: 1700000000500000002n,
      statusCode: 2,
      statusMessage: 'bad',
      traceState: 'a=1',
      flags: 0x301,
      attributes: {},
      droppedAttributesCount: 3,
      events: [
        { t: '18446744073709551615', n: 'max', d: 7 },
        { t: '1700000000000000009', n: 'e', a: { k: -1 } },
      ],
      droppedEventsCount: 4,
      links: [{ t: TRACE_ID, s: PARENT_ID, ts: 'b=2', a: { x: false }, d: 2, f: 1 }],
      droppedLinksCount: 5,
      resource: { serviceName: 'api', attributes: { 'service.name': 'api' }, droppedAttributesCount: 0, schemaUrl: '' },
      scope: { name: 'lib', version: '1', attributes: {}, droppedAttributesCount: 0, schemaUrl: '' },
    });
  });

  it('stores an end time before the start as sent, and treats an all-zero parent as a root', () => {
    const batch = decode(request([span({ endTimeUnixNano: '5', parentSpanId: '0000000000000000' })]));
    expect(batch.records[0]).toMatchObject({ startNs: 1700000000000000001n, endNs: 5n, parentSpanId: '' });
  });

  it('rejects spans with bad ids, a missing start time or out-of-range enums, keeping the others', () => {
    const batch = decode(
      request([
        span({ name: 'ok' }),
        span({ traceId: '00000000000000000000000000000000' }),
        span({ traceId: '0102030405' }),
        span({ traceId: undefined }),
        span({ spanId: '01020304' }),
        span({ spanId: '0000000000000000' }),
        span({ parentSpanId: '010203' }),
        span({ startTimeUnixNano: undefined }),
        span({ startTimeUnixNano: '0' }),
        span({ startTimeUnixNano: '9223372036854775808' }),
        span({ kind: 9 }),
        span({ status: { code: 7 } }),
        span({ links: [{ traceId: TRACE_ID, spanId: '0102' }] }),
        span({ links: [{ traceId: '00000000000000000000000000000000', spanId: SPAN_ID }] }),
        span({ name: 'also ok' }),
      ]),
    );
    expect(batch.records.map((r) => r.name)).toEqual(['ok', 'also ok']);
    const at = (i: number) => `resourceSpans[0].scopeSpans[0].spans[${i}] (name "GET /x")`;
    expect(batch.rejected.map((r) => r.reason)).toEqual([
      `${at(1)}: trace id is all zeros`,
      `${at(2)}: trace id must be 16 bytes (32 hex chars), got 5 bytes`,
      `${at(3)}: trace id is missing`,
      `${at(4)}: span id must be 8 bytes (16 hex chars), got 4 bytes`,
      `${at(5)}: span id is all zeros`,
      `${at(6)}: parent span id must be empty or 8 bytes (16 hex chars), got 3 bytes`,
      `${at(7)}: start time is missing`,
      `${at(8)}: start time is missing`,
      `${at(9)}: startTimeUnixNano: is beyond the int64 range (year 2262)`,
      `${at(10)}: kind: must be 0..5, got 9`,
      `${at(11)}: status.code: must be 0..2, got 7`,
      `${at(12)}: links[0]: span id must be 8 bytes (16 hex chars), got 2 bytes`,
      `${at(13)}: links[0]: trace id is all zeros`,
    ]);
  });

  it('falls back to unknown_service and empty resource/scope records when they are absent', () => {
    const batch = decode({ resourceSpans: [{ scopeSpans: [{ spans: [span()] }] }] });
    expect(batch.records[0].resource).toEqual({ serviceName: 'unknown_service', attributes: {}, droppedAttributesCount: 0, schemaUrl: '' });
    expect(batch.records[0].scope).toEqual({ name: '', version: '', attributes: {}, droppedAttributesCount: 0, schemaUrl: '' });
    const nonString = decode(request([span()], [{ key: 'service.name', value: { intValue: '7' } }]));
    expect(nonString.records[0].resource.serviceName).toBe('unknown_service');
  });

  it('shares one resource and one scope object per ResourceSpans / ScopeSpans', () => {
    const batch = decode({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'a' } }], droppedAttributesCount: 1 },
          schemaUrl: 'https://schema/r',
          scopeSpans: [
            { scope: { name: 's1', attributes: [{ key: 'sa', value: { stringValue: 'x' } }], droppedAttributesCount: 2 }, schemaUrl: 'https://schema/s', spans: [span({ name: '1' }), span({ name: '2' })] },
            { scope: { name: 's2' }, spans: [span({ name: '3' })] },
          ],
        },
        { resource: { attributes: [{ key: 'service.name', value: { stringValue: 'b' } }] }, scopeSpans: [{ spans: [span({ name: '4' })] }] },
      ],
    });
    const [r1, r2, r3, r4] = batch.records;
    expect(r1.resource).toEqual({ serviceName: 'a', attributes: { 'service.name': 'a' }, droppedAttributesCount: 1, schemaUrl: 'https://schema/r' });
    expect(r1.scope).toEqual({ name: 's1', version: '', attributes: { sa: 'x' }, droppedAttributesCount: 2, schemaUrl: 'https://schema/s' });
    expect(r2.resource).toBe(r1.resource);
    expect(r2.scope).toBe(r1.scope);
    expect(r3.resource).toBe(r1.resource);
    expect(r3.scope).not.toBe(r1.scope);
    expect(r3.scope.name).toBe('s2');
    expect(r4.resource.serviceName).toBe('b');
    expect(r4.resource).not.toBe(r1.resource);
  });

  it('accepts the deprecated instrumentationLibrarySpans of OTLP < 0.15', () => {
    const batch = decode({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'old' } }] },
          instrumentationLibrarySpans: [{ instrumentationLibrary: { name: 'io.old', version: '0.9' }, schemaUrl: 'https://s', spans: [span()] }],
        },
      ],
    });
    expect(batch.rejected).toEqual([]);
    expect(batch.records).toHaveLength(1);
    expect(batch.records[0].resource.serviceName).toBe('old');
    expect(batch.records[0].scope).toEqual({ name: 'io.old', version: '0.9', attributes: {}, droppedAttributesCount: 0, schemaUrl: 'https://s' });
  });

  it('replaces NUL and lone surrogates so every string is storable in PostgreSQL', () => {
    const batch = decode(
      request([
        span({
          name: 'a\u0000b',
          status: { code: 2, message: 'x\u0000' },
          attributes: [
            { key: 'k\u0000', value: { stringValue: 'lone \uD800 high' } },
            { key: 'low', value: { stringValue: 'lone \uDC00 low' } },
            { key: 'pair', value: { stringValue: 'emoji \uD83D\uDE00 ok' } },
          ],
          events: [{ timeUnixNano: '1', name: '\u0000' }],
        }),
      ]),
    );
    const record = batch.records[0];
    // protobuf cannot carry a lone surrogate: the encoder writes its 3 (invalid UTF-8) bytes, and the
    // decoder turns each into U+FFFD, as UTF-8 decoders must
    const lone = encoding === 'json' ? '\uFFFD' : '\uFFFD\uFFFD\uFFFD';
    expect(record.name).toBe('a\uFFFDb');
    expect(record.statusMessage).toBe('x\uFFFD');
    expect(record.attributes).toEqual({ 'k\uFFFD': `lone ${lone} high`, low: `lone ${lone} low`, pair: 'emoji \uD83D\uDE00 ok' });
    expect(record.events[0].n).toBe('\uFFFD');
  });

  it('refuses values nested too deeply instead of exhausting the stack', () => {
    let value: Json = { stringValue: 'leaf' };
    for (let i = 0; i < 40; i++) value = { arrayValue: { values: [value] } };
    const batch = decode(request([span({ attributes: [{ key: 'deep', value }] })]));
    expect(batch.records).toHaveLength(0);
    expect(batch.rejected[0].reason).toMatch(/attributes\[0\]\.value\.(arrayValue\.values\[0\]\.)+arrayValue: nested deeper than 32 levels$/);
  });

  it('decodes an empty request', () => {
    expect(decode({})).toEqual({ records: [], rejected: [] });
    expect(decode({ resourceSpans: [] })).toEqual({ records: [], rejected: [] });
  });
});

describe('toStorableText', () => {
  it('returns a clean string as is and replaces NUL and lone surrogates', () => {
    const clean = 'GET /api/v1/users/{id} — ünïcödé 😀';
    expect(toStorableText(clean)).toBe(clean);
    expect(toStorableText('\u0000\uD800x\uDFFF\u0000')).toBe('\uFFFD\uFFFDx\uFFFD\uFFFD');
    expect(toStorableText('')).toBe('');
  });
});
