import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeDouble, encodeInt } from '@/lib/model/attribute-value';
import type { SpanRecord } from '@/lib/model/span-record';
import { makeResource, makeScope, makeSpan, START_NS, TRACE_ID } from '@/lib/model/testing/make-span-record';
import { decodeOtlpJson as decodeOtlpJsonText } from '@/lib/ingest/otlp/decode-otlp-json';

/** The ingest decoder, so a round trip here is exactly what a client sending our output would store. */
const decodeOtlpJson = (doc: unknown) => {
  const { records, rejected } = decodeOtlpJsonText(JSON.stringify(doc));
  expect(rejected).toEqual([]);
  return records;
};
import { toOtlpAnyValue } from './to-otlp-any-value';
import { toOtlpJson, toOtlpSpan } from './to-otlp-json';

// Records compared without object identity: the decoder builds its own resource/scope objects.
const plain = (spans: SpanRecord[]) => spans.map((s) => ({ ...s, resource: { ...s.resource }, scope: { ...s.scope } }));

describe('toOtlpAnyValue', () => {
  it.each([
    ['string', 'hi', { stringValue: 'hi' }],
    ['empty string', '', { stringValue: '' }],
    ['bool', false, { boolValue: false }],
    ['safe int', 42, { intValue: '42' }],
    ['negative int', -7, { intValue: '-7' }],
    ['int beyond 2^53', encodeInt(9223372036854775807n), { intValue: '9223372036854775807' }],
    ['double', encodeDouble(72.5), { doubleValue: 72.5 }],
    ['integral double stays a double', encodeDouble(3), { doubleValue: 3 }],
    ['NaN', encodeDouble(NaN), { doubleValue: 'NaN' }],
    ['-Infinity', encodeDouble(-Infinity), { doubleValue: '-Infinity' }],
    ['bytes', { b: 'AAAwOQ==' }, { bytesValue: 'AAAwOQ==' }],
    ['array', ['a', 1, true], { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }, { boolValue: true }] } }],
    ['empty array', [], { arrayValue: { values: [] } }],
    [
      'kvlist',
      { m: { k: 'v', n: { m: { x: 1 } } } },
      {
        kvlistValue: {
          values: [
            { key: 'k', value: { stringValue: 'v' } },
            { key: 'n', value: { kvlistValue: { values: [{ key: 'x', value: { intValue: '1' } }] } } },
          ],
        },
      },
    ],
    ['empty AnyValue', null, {}],
  ] as const)('%s', (_name, stored, expected) => {
    expect(toOtlpAnyValue(stored as never)).toEqual(expected);
  });
});

describe('toOtlpSpan', () => {
  it('encodes every field as the OTLP/JSON spec does', () => {
    const span = makeSpan({
      spanId: '00000000000000b2',
      parentSpanId: '00000000000000a1',
      traceState: 'vendor=1',
      flags: 0x301,
      name: 'SELECT',
      kind: 3,
      endNs: START_NS + 1_500n,
      statusCode: 2,
      statusMessage: 'boom',
      attributes: { 'db.system': 'postgresql', rows: 3 },
      droppedAttributesCount: 2,
      events: [
        { t: '1700000000123457000', n: 'exception', a: { 'exception.message': 'x' }, d: 1 },
        { t: '1700000000123458000', n: '' },
      ],
      droppedEventsCount: 3,
      links: [{ t: 'ffffffffffffffffffffffffffffffff', s: '1111111111111111', ts: 'a=b', a: { k: true }, d: 4, f: 1 }],
      droppedLinksCount: 5,
    });
    expect(toOtlpSpan(span)).toEqual({
      traceId: TRACE_ID,
      spanId: '00000000000000b2',
      traceState: 'vendor=1',
      parentSpanId: '00000000000000a1',
      flags: 0x301,
      name: 'SELECT',
      kind: 3,
      startTimeUnixNano: '1700000000123456789',
      endTimeUnixNano: '1700000000123458289',
      attributes: [
        { key: 'db.system', value: { stringValue: 'postgresql' } },
        { key: 'rows', value: { intValue: '3' } },
      ],
      droppedAttributesCount: 2,
      events: [
        {
          timeUnixNano: '1700000000123457000',
          name: 'exception',
          attributes: [{ key: 'exception.message', value: { stringValue: 'x' } }],
          droppedAttributesCount: 1,
        },
        { timeUnixNano: '1700000000123458000' },
      ],
      droppedEventsCount: 3,
      links: [
        {
          traceId: 'ffffffffffffffffffffffffffffffff',
          spanId: '1111111111111111',
          traceState: 'a=b',
          attributes: [{ key: 'k', value: { boolValue: true } }],
          droppedAttributesCount: 4,
          flags: 1,
        },
      ],
      droppedLinksCount: 5,
      status: { code: 2, message: 'boom' },
    });
  });

  it('omits default values (proto3 JSON) but always sends ids, name, times and status', () => {
    expect(toOtlpSpan(makeSpan())).toStrictEqual({
      traceId: TRACE_ID,
      spanId: '00000000000000a1',
      name: 'GET /',
      startTimeUnixNano: '1700000000123456789',
      endTimeUnixNano: '1700000000128456789',
      status: {},
    });
  });

  it.each([
    [1, { code: 1 }],
    [0, {}],
  ] as const)('status code %i without message → %j', (code, status) => {
    expect(toOtlpSpan(makeSpan({ statusCode: code })).status).toStrictEqual(status);
  });

  it('keeps a status message without a code', () => {
    expect(toOtlpSpan(makeSpan({ statusMessage: 'note' })).status).toStrictEqual({ message: 'note' });
  });

  it('encodes times beyond 2^53 exactly, as decimal strings', () => {
    const json = toOtlpSpan(makeSpan({ startNs: 18446744073709551615n, endNs: 18446744073709551615n }));
    expect(json.startTimeUnixNano).toBe('18446744073709551615');
  });
});

describe('toOtlpJson grouping', () => {
  const resA = makeResource('a', { 'host.name': 'h1' });
  const resB = makeResource('b');
  const scope1 = makeScope('lib-1', '1.0');
  const scope2 = makeScope('lib-2');

  it('groups by resource, then scope, in order of first appearance', () => {
    const spans = [
      makeSpan({ spanId: '0000000000000001', resource: resA, scope: scope1 }),
      makeSpan({ spanId: '0000000000000002', resource: resB, scope: scope1 }),
      makeSpan({ spanId: '0000000000000003', resource: resA, scope: scope2 }),
      makeSpan({ spanId: '0000000000000004', resource: resA, scope: scope1 }),
    ];
    const json = toOtlpJson(spans);
    const shape = json.resourceSpans.map((rs) => ({
      service: rs.resource.attributes?.[0],
      scopes: rs.scopeSpans.map((ss) => [ss.scope.name, ss.spans.map((s) => s.spanId)]),
    }));
    expect(shape).toEqual([
      {
        service: { key: 'service.name', value: { stringValue: 'a' } },
        scopes: [
          ['lib-1', ['0000000000000001', '0000000000000004']],
          ['lib-2', ['0000000000000003']],
        ],
      },
      { service: { key: 'service.name', value: { stringValue: 'b' } }, scopes: [['lib-1', ['0000000000000002']]] },
    ]);
    expect(json.resourceSpans[0].resource).toEqual({
      attributes: [
        { key: 'service.name', value: { stringValue: 'a' } },
        { key: 'host.name', value: { stringValue: 'h1' } },
      ],
    });
    expect(json.resourceSpans[0].scopeSpans[0].scope).toEqual({ name: 'lib-1', version: '1.0' });
  });

  it('groups spans read back from the store by resource and scope id, not by object', () => {
    const spans = [1, 2, 3].map((i) =>
      makeSpan({
        spanId: `000000000000000${i}`,
        // distinct objects, key order differing too, as jsonb may hand it back: one row each
        resource: i === 2 ? { ...resA, attributes: { 'host.name': 'h1', 'service.name': 'a' } } : structuredClone(resA),
        scope: structuredClone(scope1),
        resourceId: 7,
        scopeId: 9,
      }),
    );
    const json = toOtlpJson(spans);
    expect(json.resourceSpans).toHaveLength(1);
    expect(json.resourceSpans[0].scopeSpans).toHaveLength(1);
    expect(json.resourceSpans[0].scopeSpans[0].spans.map((s) => s.spanId)).toEqual([
      '0000000000000001',
      '0000000000000002',
      '0000000000000003',
    ]);
  });

  it('keeps resources apart that differ only in schemaUrl or dropped count', () => {
    const json = toOtlpJson([
      makeSpan({ resource: resB }),
      makeSpan({ resource: { ...resB, schemaUrl: 'https://opentelemetry.io/schemas/1.4.0' } }),
      makeSpan({ resource: { ...resB, droppedAttributesCount: 1 } }),
    ]);
    expect(json.resourceSpans.map((rs) => [rs.schemaUrl, rs.resource.droppedAttributesCount])).toEqual([
      [undefined, undefined],
      ['https://opentelemetry.io/schemas/1.4.0', undefined],
      [undefined, 1],
    ]);
  });

  it('puts the scope schemaUrl on ScopeSpans and scope attributes on the scope', () => {
    const scope = { ...makeScope('s', '', { 'scope.k': 1 }), schemaUrl: 'u', droppedAttributesCount: 2 };
    const [ss] = toOtlpJson([makeSpan({ scope })]).resourceSpans[0].scopeSpans;
    expect(ss.schemaUrl).toBe('u');
    expect(ss.scope).toEqual({ name: 's', attributes: [{ key: 'scope.k', value: { intValue: '1' } }], droppedAttributesCount: 2 });
  });

  it('returns no resourceSpans for no spans', () => {
    expect(toOtlpJson([])).toEqual({ resourceSpans: [] });
  });
});

describe('toOtlpJson round trip through a protobuf OTLP decoder', () => {
  it('gives back every field of every span', () => {
    const resource = { ...makeResource('checkout', { pid: 4242 }), droppedAttributesCount: 1, schemaUrl: 'https://opentelemetry.io/schemas/1.21.0' };
    const scope = { ...makeScope('io.opentelemetry.http', '2.1.0', { 'scope.attr': 'x' }), droppedAttributesCount: 3, schemaUrl: 'scope-schema' };
    const spans: SpanRecord[] = [
      makeSpan({
        resource,
        scope,
        traceState: 'rojo=00f067aa0ba902b7',
        flags: 0x101,
        kind: 2,
        statusCode: 2,
        statusMessage: 'failed',
        attributes: {
          s: 'text',
          b: true,
          i: 123,
          neg: -5,
          big: encodeInt(-9223372036854775808n),
          d: encodeDouble(72.5),
          nan: encodeDouble(NaN),
          inf: encodeDouble(Infinity),
          bytes: { b: 'AAAwOQ==' },
          arr: ['x', 2, encodeDouble(0.5), [true], { m: { k: null } }],
          kv: { m: { inner: { m: { deep: encodeInt(2n ** 62n) } }, e: [] } },
          empty: null,
        },
        droppedAttributesCount: 7,
        events: [{ t: '1700000000123456790', n: 'evt', a: { k: 'v' }, d: 2 }],
        droppedEventsCount: 1,
        links: [{ t: 'fedcba9876543210fedcba9876543210', s: 'fedcba9876543210', ts: 'k=v', a: { 'opentracing.ref_type': 'child_of' }, d: 1, f: 1 }],
        droppedLinksCount: 2,
      }),
      makeSpan({ spanId: '00000000000000a2', parentSpanId: '00000000000000a1', resource, scope, kind: 5, statusCode: 1 }),
      makeSpan({ spanId: '00000000000000a3', resource: makeResource('other'), scope: makeScope() }),
    ];
    expect(plain(decodeOtlpJson(toOtlpJson(spans)))).toEqual(plain(spans));
  });

  it('is valid JSON text, with no bigint left behind', () => {
    const text = JSON.stringify(toOtlpJson([makeSpan({ attributes: { big: encodeInt(2n ** 63n - 1n) } })]));
    expect(text).toContain('"intValue":"9223372036854775807"');
  });
});

// Jaeger's storage-integration fixtures are OTLP/JSON as Jaeger's api_v3 writes it; our output
// must reproduce them byte for byte once decoded (vendored in lib/test/jaeger-conformance).
const FIXTURES = new URL('../../test/jaeger-conformance/fixtures/traces/', import.meta.url);

describe('toOtlpJson on the Jaeger conformance fixtures', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

  it('finds all 32 vendored fixtures', () => expect(files).toHaveLength(32));

  it.each(files)('%s: decode → toOtlpJson reproduces the fixture', (file) => {
    const fixture = JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8'));
    const records = decodeOtlpJson(fixture);
    expect(records.length).toBeGreaterThan(0);
    expect(toOtlpJson(records)).toEqual(fixture);
    expect(plain(decodeOtlpJson(toOtlpJson(records)))).toEqual(plain(records));
  });
});
