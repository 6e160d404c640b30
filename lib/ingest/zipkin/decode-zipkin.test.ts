import { describe, expect, test } from 'vitest';
import { decodeZipkinJsonV1, decodeZipkinJsonV2 } from './decode-zipkin-json';
import { decodeZipkinProto } from './decode-zipkin-proto';
import { encodeListOfSpans } from '@/lib/ingest/zipkin/testing/encode-list-of-spans';

// Zipkin v2 JSON, proto3 and v1 JSON → SpanRecords.

const TS = 1_763_800_000_123_456; // µs
const base = {
  traceId: '5af7183fb1d4cf5f',
  parentId: '6b221d5bc9e6496c',
  id: '352bff9a74ca9ad2',
  kind: 'SERVER',
  name: 'get /api',
  timestamp: TS,
  duration: 1431,
  localEndpoint: { serviceName: 'backend', ipv4: '192.168.99.1', port: 3306 },
  remoteEndpoint: { serviceName: 'frontend', ipv4: '172.19.0.2', port: 58648 },
  annotations: [{ timestamp: TS + 10, value: 'ws' }],
  tags: { 'http.method': 'GET', 'http.path': '/api' },
};

describe('Zipkin JSON v2', () => {
  test('maps ids, µs, kind, endpoints, annotations and tags', () => {
    const { records, rejected } = decodeZipkinJsonV2(JSON.stringify([base]));
    expect(rejected).toEqual([]);
    const [r] = records;
    expect([r.traceId, r.spanId, r.parentSpanId]).toEqual(['00000000000000005af7183fb1d4cf5f', '352bff9a74ca9ad2', '6b221d5bc9e6496c']);
    expect(r.startNs).toBe(BigInt(TS) * 1000n);
    expect(r.endNs - r.startNs).toBe(1_431_000n);
    expect(r.kind).toBe(2);
    expect(r.resource.serviceName).toBe('backend');
    expect(r.resource.attributes).toEqual({ 'service.name': 'backend', 'network.local.address': '192.168.99.1', 'network.local.port': 3306 });
    expect(r.attributes).toEqual({
      'http.method': 'GET',
      'http.path': '/api',
      'peer.service': 'frontend',
      'network.peer.address': '172.19.0.2',
      'network.peer.port': 58648,
    });
    expect(r.events).toEqual([{ t: String(BigInt(TS + 10) * 1000n), n: 'ws' }]);
  });

  test('128-bit ids are kept; kinds map; no kind is a local (INTERNAL) span', () => {
    const spans = ['CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER', undefined].map((kind, i) => ({
      ...base,
      traceId: '463ac35c9f6413ad48485a3953bb6124',
      id: `00000000000000a${i}`,
      kind,
    }));
    const { records } = decodeZipkinJsonV2(JSON.stringify(spans));
    expect(records.map((r) => r.kind)).toEqual([3, 2, 4, 5, 1]);
    expect(records[0].traceId).toBe('463ac35c9f6413ad48485a3953bb6124');
  });

  test('status from otel.status_code and the error tag (Zipkin puts the message there)', () => {
    const spans = [
      { ...base, id: 'a1', tags: { 'otel.status_code': 'ERROR', error: 'upstream timed out' } },
      { ...base, id: 'a2', tags: { error: '' } },
      { ...base, id: 'a3', tags: { 'otel.status_code': 'OK', 'otel.scope.name': 'lib', 'otel.scope.version': '1.0' } },
    ];
    const { records } = decodeZipkinJsonV2(JSON.stringify(spans));
    expect(records.map((r) => [r.statusCode, r.statusMessage])).toEqual([[2, 'upstream timed out'], [2, ''], [1, '']]);
    expect(records[2].scope).toMatchObject({ name: 'lib', version: '1.0' });
    expect(records[2].attributes).toEqual({ 'peer.service': 'frontend', 'network.peer.address': '172.19.0.2', 'network.peer.port': 58648 });
  });

  test('a shared span keeps its id and parent as sent (which half is which is decided when the trace is read)', () => {
    const client = { ...base, kind: 'CLIENT', localEndpoint: { serviceName: 'frontend' }, remoteEndpoint: undefined };
    const server = { ...base, shared: true };
    const { records } = decodeZipkinJsonV2(JSON.stringify([client, server]));
    const [c, s] = records;
    expect([c.spanId, c.parentSpanId]).toEqual([base.id, base.parentId]);
    expect([s.spanId, s.parentSpanId]).toEqual([base.id, base.parentId]);
    expect(s.attributes['zipkin.shared']).toBe(true);
  });

  test('bad spans are refused with reasons, the rest kept; a body that is not a list is refused', () => {
    const spans = [{ ...base, traceId: 'xyz' }, { ...base, id: undefined }, { ...base, timestamp: undefined }, { ...base, kind: 'SIDEWAYS' }, 42, base];
    const { records, rejected } = decodeZipkinJsonV2(JSON.stringify(spans));
    expect(records).toHaveLength(1);
    expect(rejected.map((r) => r.reason)).toEqual([
      'spans[0] (name "get /api"): traceId: expected up to 32 hex characters, got "xyz"',
      'spans[1] (name "get /api"): id is missing',
      'spans[2] (name "get /api"): timestamp is missing',
      'spans[3] (name "get /api"): kind: expected CLIENT, SERVER, PRODUCER or CONSUMER, got "SIDEWAYS"',
      'spans[4]: expected a span object, got number',
    ]);
    expect(() => decodeZipkinJsonV2('{"traceId":"1"}')).toThrow(/expected a JSON list of spans, got object/);
    expect(() => decodeZipkinJsonV2('[{')).toThrow(/not valid JSON/);
  });
});

describe('Zipkin proto3 ListOfSpans', () => {
  test('decodes to the same records as the JSON form', () => {
    const fromJson = decodeZipkinJsonV2(JSON.stringify([base])).records;
    const fromProto = decodeZipkinProto(encodeListOfSpans([base])).records;
    expect(fromProto).toEqual(fromJson);
  });

  test('bytes that are not a ListOfSpans are refused', () => {
    expect(() => decodeZipkinProto(Buffer.from([0x0a, 0xff, 0xff, 0xff]))).toThrow(/not a protobuf ListOfSpans/);
  });
});

describe('Zipkin JSON v1', () => {
  test('a span with both sides becomes a client span and a shared server span', () => {
    const fe = { serviceName: 'frontend', ipv4: '10.0.0.1' };
    const be = { serviceName: 'backend', ipv4: '10.0.0.2', port: 8080 };
    const v1 = {
      traceId: base.traceId,
      id: base.id,
      name: 'get',
      timestamp: TS,
      duration: 100,
      annotations: [
        { timestamp: TS, value: 'cs', endpoint: fe },
        { timestamp: TS + 10, value: 'sr', endpoint: be },
        { timestamp: TS + 90, value: 'ss', endpoint: be },
        { timestamp: TS + 100, value: 'cr', endpoint: fe },
        { timestamp: TS + 50, value: 'cache miss', endpoint: be },
      ],
      binaryAnnotations: [{ key: 'http.path', value: '/api', endpoint: be }],
    };
    const { records, rejected } = decodeZipkinJsonV1(JSON.stringify([v1]));
    expect(rejected).toEqual([]);
    const [client, server] = records;
    expect([client.kind, client.resource.serviceName, client.endNs - client.startNs]).toEqual([3, 'frontend', 100_000n]);
    expect([server.kind, server.resource.serviceName, server.endNs - server.startNs]).toEqual([2, 'backend', 80_000n]);
    expect([server.spanId, server.parentSpanId]).toEqual([client.spanId, client.parentSpanId]);
    expect(server.attributes).toMatchObject({ 'http.path': '/api', 'zipkin.shared': true });
    expect(server.events.map((e) => e.n)).toEqual(['cache miss']);
  });

  test('a local span takes its service from the lc annotation', () => {
    const v1 = { traceId: 'a', id: 'b', name: 'work', timestamp: TS, duration: 5, binaryAnnotations: [{ key: 'lc', value: 'worker', endpoint: { serviceName: 'batch' } }] };
    const [r] = decodeZipkinJsonV1(JSON.stringify([v1])).records;
    expect([r.kind, r.resource.serviceName, r.attributes.lc]).toEqual([1, 'batch', 'worker']);
  });
});

describe('Zipkin times beyond what PostgreSQL stores', () => {
  test('a duration past the int64 nanosecond range refuses the span, not the request', () => {
    const spans = [{ ...base, duration: '9000000000000000000' }, base];
    const { records, rejected } = decodeZipkinJsonV2(JSON.stringify(spans));
    expect(records).toHaveLength(1);
    expect(rejected[0].reason).toMatch(/beyond the int64 nanosecond range/);
  });
});

test('a tag named __proto__ is kept as a tag', () => {
  const [r] = decodeZipkinJsonV2(`[${JSON.stringify(base).slice(0, -1)},"tags":{"__proto__":"x","a":"b"}}]`).records;
  expect(Object.keys(r.attributes)).toContain('__proto__');
  expect(Object.getPrototypeOf(r.attributes)).toBe(Object.prototype);
  expect(JSON.parse(JSON.stringify(r.attributes)).__proto__).toBe('x');
});
