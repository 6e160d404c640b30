import Long from 'long';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';

import { generateTraffic } from '@/lib/bench/generate-traffic';
import { decodeOtlpProtobuf, decodeOtlpProtobufGenerally } from './decode-otlp-protobuf';
import { otlpRoot, otlpTypes } from './otlp-proto';
import { readOtlpProtobuf } from './read-otlp-protobuf';

// The fast reader must give exactly what protobufjs + toSpanRecords give, or give up (null) and
// leave the request to that general path. Both are compared here on the same bytes.

const TRACE = '5b8efff798038103d269b633813fc60c';
const SPAN = 'eee19b7ec3c1b174';
const PARENT = '0102030405060708';

const type = (name: string) => otlpRoot.lookupType(name);
const encode = (name: string, object: Record<string, unknown>): Uint8Array => {
  const t = type(name);
  return t.encode(t.fromObject(object)).finish();
};
const encodeRequest = (object: Record<string, unknown>) => encode('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest', object);
const requestWithSpans = (spans: Record<string, unknown>[]) => encodeRequest({ resourceSpans: [{ scopeSpans: [{ spans }] }] });

const id = (hex: string) => Buffer.from(hex, 'hex');
const baseSpan = { traceId: id(TRACE), spanId: id(SPAN), name: 'GET /x', startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000250000000' };

const SPAN_TYPE = 'opentelemetry.proto.trace.v1.Span';
const kv = (key: string, value: Record<string, unknown> | null) => (value === null ? { key } : { key, value });

/** Every AnyValue form the store keeps, including the awkward ones. */
const EVERY_VALUE = [
  kv('s', { stringValue: 'text' }),
  kv('empty.string', { stringValue: '' }),
  kv('nul', { stringValue: 'a\u0000b' }),
  kv('b.true', { boolValue: true }),
  kv('b.false', { boolValue: false }),
  kv('i.zero', { intValue: Long.ZERO }),
  kv('i.neg', { intValue: Long.fromNumber(-42) }),
  kv('i.big', { intValue: Long.fromString('9007199254740993') }),
  kv('i.min', { intValue: Long.MIN_VALUE }),
  kv('i.max', { intValue: Long.MAX_VALUE }),
  kv('i.2^53', { intValue: Long.fromString('-9007199254740992') }),
  kv('d', { doubleValue: 1.5 }),
  kv('d.nan', { doubleValue: NaN }),
  kv('d.inf', { doubleValue: -Infinity }),
  kv('bytes', { bytesValue: Buffer.from([0, 1, 2, 250]) }),
  kv('bytes.empty', { bytesValue: Buffer.alloc(0) }),
  kv('arr', { arrayValue: { values: [{ stringValue: 'x' }, { intValue: Long.fromNumber(7) }, {}, { arrayValue: { values: [{ boolValue: true }] } }] } }),
  kv('arr.empty', { arrayValue: {} }),
  kv('map', { kvlistValue: { values: [kv('inner', { doubleValue: 2 }), kv('deeper', { kvlistValue: { values: [kv('z', { stringValue: 'y' })] } })] } }),
  kv('no.value', null),
  kv('empty.value', {}),
  kv('dup', { stringValue: 'first' }),
  kv('dup', { stringValue: 'last' }),
  kv('__proto__', { stringValue: 'not a prototype' }),
  kv('', { stringValue: 'empty key' }),
  kv('ünïcödé ✓', { stringValue: '日本語' }),
];

const RICH_REQUEST = encodeRequest({
  resourceSpans: [
    {
      resource: { attributes: [kv('service.name', { stringValue: 'checkout' }), ...EVERY_VALUE], droppedAttributesCount: 3 },
      schemaUrl: 'https://opentelemetry.io/schemas/1.21.0',
      scopeSpans: [
        {
          scope: { name: 'io.opentelemetry.http', version: '1.2.3', attributes: [kv('scope.attr', { intValue: Long.fromNumber(1) })], droppedAttributesCount: 1 },
          schemaUrl: 'https://example.com/scope',
          spans: [
            {
              ...baseSpan,
              parentSpanId: id(PARENT),
              traceState: 'vendor=1',
              flags: 0x301,
              kind: 2,
              attributes: EVERY_VALUE,
              droppedAttributesCount: 2,
              events: [
                { timeUnixNano: '1700000000100000000', name: 'exception', attributes: [kv('exception.message', { stringValue: 'boom' })], droppedAttributesCount: 1 },
                { timeUnixNano: '18446744073709551615', name: 'max time' },
                { name: 'no time' },
              ],
              droppedEventsCount: 4,
              links: [
                { traceId: id('0af7651916cd43dd8448eb211c80319c'), spanId: id('b7ad6b7169203331'), traceState: 'a=b', attributes: [kv('l', { boolValue: true })], droppedAttributesCount: 5, flags: 1 },
                { traceId: id('0af7651916cd43dd8448eb211c80319d'), spanId: id('b7ad6b7169203332') },
              ],
              droppedLinksCount: 6,
              status: { code: 2, message: 'it broke' },
            },
            { ...baseSpan, spanId: id('00000000000000aa'), parentSpanId: id('0000000000000000'), status: { code: 1 }, kind: 5 },
            { ...baseSpan, spanId: id('00000000000000bb'), endTimeUnixNano: '0' },
          ],
        },
        { spans: [{ ...baseSpan, spanId: id('00000000000000cc') }] },
        { scope: { name: 'empty scope' } },
      ],
    },
    { scopeSpans: [{ spans: [{ ...baseSpan, spanId: id('00000000000000dd') }] }] },
    { resource: { attributes: [kv('service.name', { stringValue: '' })] }, scopeSpans: [{ spans: [{ ...baseSpan, spanId: id('00000000000000ee') }] }] },
    {},
  ],
});

/** The fast path gives up on `body`, and decodeOtlpProtobuf answers (or throws) as the general path does. */
const expectLeftToGeneralPath = (body: Uint8Array) => {
    expect(readOtlpProtobuf(body)).toBeNull();
    let general: unknown;
    try {
      general = decodeOtlpProtobufGenerally(body);
    } catch (error) {
      general = error;
    }
    if (general instanceof Error) expect(() => decodeOtlpProtobuf(body)).toThrow(general.message);
    else expect(decodeOtlpProtobuf(body)).toEqual(general);
};

/** Field `n` holding `bytes` (length-delimited). */
const lenField = (n: number, bytes: Uint8Array) => protobuf.Writer.create().uint32((n << 3) | 2).bytes(bytes).finish();
const concat = (...parts: Uint8Array[]) => Buffer.concat(parts);

describe('readOtlpProtobuf', () => {
  it('reads every field and value form exactly as protobufjs + toSpanRecords do', () => {
    const fast = readOtlpProtobuf(RICH_REQUEST);
    expect(fast).not.toBeNull();
    expect(fast!.records).toHaveLength(6);
    expect(fast).toEqual(decodeOtlpProtobufGenerally(RICH_REQUEST));
    // resource and scope records are shared by the spans under them, as the general path shares them
    expect(fast!.records[0].resource).toBe(fast!.records[1].resource);
    expect(fast!.records[0].scope).toBe(fast!.records[2].scope);
    expect(fast!.records[0].scope).not.toBe(fast!.records[3].scope);
    expect(Object.keys(fast!.records[0].attributes)).toContain('__proto__');
    expect(Object.getPrototypeOf(fast!.records[0].attributes)).toBe(Object.prototype);
  });

  it('reads generated benchmark traffic exactly as the general path does', () => {
    const traffic = generateTraffic({ spans: 4000, spansPerRequest: 500, days: 2, seed: 7 });
    for (const body of traffic.requests) {
      const fast = readOtlpProtobuf(body);
      expect(fast).not.toBeNull();
      expect(fast).toEqual(decodeOtlpProtobufGenerally(body));
    }
  });

  it('reads fields in any order: scope after its spans, resource after its scopes, span fields reversed', () => {
    const Span = 'opentelemetry.proto.trace.v1.Span';
    const spanFields = [
      lenField(5, Buffer.from('reversed')),
      protobuf.Writer.create().uint32((7 << 3) | 1).fixed64(Long.fromString('1700000000000000000', true)).finish(),
      lenField(2, id(SPAN)),
      lenField(1, id(TRACE)),
    ];
    const scopeSpans = concat(
      lenField(2, concat(...spanFields)),
      lenField(2, encode(Span, { ...baseSpan, spanId: id('00000000000000aa') })),
      lenField(3, Buffer.from('https://example.com/s')),
      lenField(1, encode('opentelemetry.proto.common.v1.InstrumentationScope', { name: 'late scope' })),
    );
    const resourceSpans = concat(
      lenField(2, scopeSpans),
      lenField(1, encode('opentelemetry.proto.resource.v1.Resource', { attributes: [kv('service.name', { stringValue: 'late' })] })),
    );
    const body = lenField(1, resourceSpans);
    const fast = readOtlpProtobuf(body);
    expect(fast).toEqual(decodeOtlpProtobufGenerally(body));
    expect(fast!.records.map((r) => [r.resource.serviceName, r.scope.name, r.scope.schemaUrl, r.name])).toEqual([
      ['late', 'late scope', 'https://example.com/s', 'reversed'],
      ['late', 'late scope', 'https://example.com/s', 'GET /x'],
    ]);
  });

  it('skips unknown fields of every wire type', () => {
    const unknown = protobuf.Writer.create()
      .uint32((99 << 3) | 0).uint64(Long.fromString('18446744073709551615', true))
      .uint32((98 << 3) | 1).fixed64(5)
      .uint32((97 << 3) | 2).bytes(new Uint8Array([1, 2, 3]))
      .uint32((96 << 3) | 5).fixed32(9)
      .finish();
    const span = concat(encode('opentelemetry.proto.trace.v1.Span', baseSpan), unknown);
    const body = concat(lenField(1, lenField(2, lenField(2, span))), unknown);
    const fast = readOtlpProtobuf(body);
    expect(fast?.records).toHaveLength(1);
    expect(fast).toEqual(decodeOtlpProtobufGenerally(body));
  });

  it('reads a bool sent as a wide varint as protobufjs does (any bit set is true)', () => {
    const wideTrue = protobuf.Writer.create().uint32((2 << 3) | 0).uint64(Long.fromString('4294967296', true)).finish();
    const span = concat(
      encode(SPAN_TYPE, baseSpan),
      lenField(9, concat(protobuf.Writer.create().uint32((1 << 3) | 2).string('wide').finish(), lenField(2, wideTrue))),
    );
    const request = lenField(1, lenField(2, lenField(2, span)));
    expect(readOtlpProtobuf(request)!.records[0].attributes.wide).toBe(true);
    expect(readOtlpProtobuf(request)).toEqual(decodeOtlpProtobufGenerally(request));
  });

  // protobufjs merges a singular message field that comes twice; the fast path leaves such requests to it
  const twice = (field: number, first: Uint8Array, second: Uint8Array) => concat(lenField(field, first), lenField(field, second));
  const spanWith = (...extra: Uint8Array[]) => lenField(1, lenField(2, lenField(2, concat(encode(SPAN_TYPE, baseSpan), ...extra))));
  const anyValueBytes = (value: Record<string, unknown>) => encode('opentelemetry.proto.common.v1.AnyValue', value);
  const keyValueWith = (...values: Uint8Array[]) => lenField(9, concat(protobuf.Writer.create().uint32((1 << 3) | 2).string('k').finish(), ...values.map((v) => lenField(2, v))));

  it.each([
    ['a status sent twice', spanWith(twice(15, encode('opentelemetry.proto.trace.v1.Status', { code: 2 }), new Uint8Array()))],
    ['an attribute value sent twice', spanWith(keyValueWith(anyValueBytes({ boolValue: true }), new Uint8Array()))],
    [
      'an array value sent twice in one AnyValue',
      spanWith(keyValueWith(twice(5, encode('opentelemetry.proto.common.v1.ArrayValue', { values: [{ stringValue: 'a' }] }), encode('opentelemetry.proto.common.v1.ArrayValue', { values: [{ stringValue: 'b' }] })))),
    ],
    [
      'a resource sent twice',
      lenField(
        1,
        concat(
          twice(1, encode('opentelemetry.proto.resource.v1.Resource', { attributes: [kv('service.name', { stringValue: 'a' })] }), encode('opentelemetry.proto.resource.v1.Resource', { droppedAttributesCount: 1 })),
          lenField(2, lenField(2, encode(SPAN_TYPE, baseSpan))),
        ),
      ),
    ],
    [
      'a scope sent twice',
      lenField(1, lenField(2, concat(twice(1, encode('opentelemetry.proto.common.v1.InstrumentationScope', { name: 's' }), new Uint8Array()), lenField(2, encode(SPAN_TYPE, baseSpan))))),
    ],
    ['a 5-byte tag', concat(spanWith(), new Uint8Array([0x8a, 0x80, 0x80, 0x80, 0x10, 0x00]))],
    ['a 5-byte length', new Uint8Array([0x0a, 0x80, 0x80, 0x80, 0x80, 0x10])],
  ])('leaves %s to protobufjs, and decodes it as protobufjs does', (_what, body) => {
    expectLeftToGeneralPath(body);
  });

  it.each([
    ['a trace id of the wrong length', requestWithSpans([{ ...baseSpan, traceId: id('0102') }])],
    ['an all-zero span id', requestWithSpans([{ ...baseSpan, spanId: id('0000000000000000') }])],
    ['a missing span id', requestWithSpans([{ ...baseSpan, spanId: Buffer.alloc(0) }])],
    ['a parent id of the wrong length', requestWithSpans([{ ...baseSpan, parentSpanId: id('0102') }])],
    ['no start time', requestWithSpans([{ ...baseSpan, startTimeUnixNano: '0' }])],
    ['a start time beyond int64', requestWithSpans([{ ...baseSpan, startTimeUnixNano: '18446744073709551615' }])],
    ['an unknown span kind', requestWithSpans([{ ...baseSpan, kind: 9 }])],
    ['an unknown status code', requestWithSpans([{ ...baseSpan, status: { code: 7 } }])],
    ['a link with a bad span id', requestWithSpans([{ ...baseSpan, links: [{ traceId: id(TRACE), spanId: id('01') }] }])],
    ['an AnyValue with two members', requestWithSpans([{ ...baseSpan, attributes: [kv('two', { stringValue: 'a', intValue: Long.ONE })] }])],
    [
      'values nested 40 deep',
      requestWithSpans([
        {
          ...baseSpan,
          attributes: [kv('deep', Array.from({ length: 40 }).reduce<Record<string, unknown>>((inner) => ({ arrayValue: { values: [inner] } }), { stringValue: 'x' }))],
        },
      ]),
    ],
    ['pre-0.15 instrumentation_library_spans', encodeRequest({ resourceSpans: [{ instrumentationLibrarySpans: [{ spans: [baseSpan] }] }] })],
    ['a known field with the wrong wire type', concat(lenField(1, lenField(2, lenField(2, encode('opentelemetry.proto.trace.v1.Span', baseSpan)))), protobuf.Writer.create().uint32((1 << 3) | 0).uint32(5).finish())],
    ['a truncated body', RICH_REQUEST.slice(0, RICH_REQUEST.length - 7)],
    ['a length beyond the body', new Uint8Array([0x0a, 0x7f, 0x01])],
    ['a group (deprecated wire type 3)', new Uint8Array([(50 << 3) | 3, 0x08, 0x01, (50 << 3) | 4])],
  ])('leaves %s to the general path, which explains it', (_what, body) => {
    expectLeftToGeneralPath(body);
  });

  it('gives an empty body as an empty request', () => {
    expect(readOtlpProtobuf(new Uint8Array())).toEqual({ records: [], rejected: [] });
    expect(readOtlpProtobuf(otlpTypes.ExportTraceServiceRequest.encode({ resourceSpans: [] }).finish())).toEqual({ records: [], rejected: [] });
  });
});
