import { describe, expect, test } from 'vitest';
import { decodeJaegerAgentDatagram, decodeJaegerHttpBody } from './decode-jaeger-thrift';
import { encodeEmitBatch, encodeJaegerBatch } from '@/lib/ingest/jaeger/testing/encode-jaeger-thrift';
import { SpanRefType, TagType, type Batch, type Span } from './wire-types';

// Jaeger Thrift → SpanRecords, on bytes written by the Apache Thrift library in both protocols.

const START_US = 1_763_800_000_000_000n;
const HIGH = 0x0123456789abcdefn;
const LOW = -0x1000000000000000n; // i64 is signed on the wire: f000000000000000 in hex

const span = (over: Partial<Span> = {}): Span => ({
  traceIdHigh: HIGH,
  traceIdLow: LOW,
  spanId: 0x2an,
  parentSpanId: 0x1n,
  operationName: 'GET /cart',
  references: [],
  flags: 1,
  startTime: START_US,
  duration: 1500n,
  tags: [],
  logs: [],
  ...over,
});

const batch = (spans: Span[]): Batch => ({
  process: {
    serviceName: 'cart',
    tags: [
      { key: 'hostname', vType: TagType.STRING, vStr: 'box-1' },
      { key: 'jaeger.version', vType: TagType.STRING, vStr: 'Node-3.19.0' },
    ],
  },
  spans,
});

describe.each(['compact', 'binary'] as const)('an emitBatch datagram in the %s protocol', (protocol) => {
  test('maps process, ids, times, typed tags, logs, kind and status into OTLP terms', () => {
    const bytes = encodeEmitBatch(
      batch([
        span({
          tags: [
            { key: 'span.kind', vType: TagType.STRING, vStr: 'server' },
            { key: 'error', vType: TagType.BOOL, vBool: true },
            { key: 'http.status_code', vType: TagType.LONG, vLong: 503n },
            { key: 'ratio', vType: TagType.DOUBLE, vDouble: 0.5 },
            { key: 'cached', vType: TagType.BOOL, vBool: false },
            { key: 'blob', vType: TagType.BINARY, vBinary: Buffer.from([1, 2, 3]) },
            { key: 'otel.status_description', vType: TagType.STRING, vStr: 'backend down' },
            { key: 'otel.scope.name', vType: TagType.STRING, vStr: 'my-lib' },
            { key: 'w3c.tracestate', vType: TagType.STRING, vStr: 'k=v' },
          ],
          logs: [
            {
              timestamp: START_US + 10n,
              fields: [
                { key: 'event', vType: TagType.STRING, vStr: 'retry' },
                { key: 'attempt', vType: TagType.LONG, vLong: 2n },
              ],
            },
          ],
        }),
      ]),
      protocol,
    );
    const { records, rejected } = decodeJaegerAgentDatagram(bytes, protocol);
    expect(rejected).toEqual([]);
    expect(records).toHaveLength(1);
    const [r] = records;
    expect(r.traceId).toBe('0123456789abcdeff000000000000000');
    expect(r.spanId).toBe('000000000000002a');
    expect(r.parentSpanId).toBe('0000000000000001');
    expect(r.name).toBe('GET /cart');
    expect(r.startNs).toBe(START_US * 1000n);
    expect(r.endNs - r.startNs).toBe(1_500_000n);
    expect(r.kind).toBe(2);
    expect([r.statusCode, r.statusMessage]).toEqual([2, 'backend down']);
    expect(r.traceState).toBe('k=v');
    expect(r.scope.name).toBe('my-lib');
    expect(r.flags).toBe(1);
    expect(r.attributes).toEqual({ 'http.status_code': 503, ratio: { d: 0.5 }, cached: false, blob: { b: 'AQID' } });
    expect(r.events).toEqual([{ t: String((START_US + 10n) * 1000n), n: 'retry', a: { attempt: 2 } }]);
    expect(r.resource).toEqual({
      serviceName: 'cart',
      attributes: { hostname: 'box-1', 'jaeger.version': 'Node-3.19.0', 'service.name': 'cart' },
      droppedAttributesCount: 0,
      schemaUrl: '',
    });
  });

  test('a span with several references: the first CHILD_OF in the trace is the parent, the others links', () => {
    const refs = [
      { refType: SpanRefType.FOLLOWS_FROM, traceIdHigh: HIGH, traceIdLow: LOW, spanId: 0xan },
      { refType: SpanRefType.CHILD_OF, traceIdHigh: 0n, traceIdLow: 0x77n, spanId: 0xbn }, // another trace
      { refType: SpanRefType.CHILD_OF, traceIdHigh: HIGH, traceIdLow: LOW, spanId: 0xcn },
      { refType: SpanRefType.CHILD_OF, traceIdHigh: HIGH, traceIdLow: LOW, spanId: 0xdn },
    ];
    const { records } = decodeJaegerAgentDatagram(encodeEmitBatch(batch([span({ parentSpanId: 0n, references: refs })]), protocol), protocol);
    expect(records[0].parentSpanId).toBe('000000000000000c');
    expect(records[0].links).toEqual([
      { t: '0123456789abcdeff000000000000000', s: '000000000000000a', a: { 'opentracing.ref_type': 'follows_from' } },
      { t: '00000000000000000000000000000077', s: '000000000000000b', a: { 'opentracing.ref_type': 'child_of' } },
      { t: '0123456789abcdeff000000000000000', s: '000000000000000d', a: { 'opentracing.ref_type': 'child_of' } },
    ]);
  });

  test('a CHILD_OF reference repeating parentSpanId is not also a link', () => {
    const refs = [{ refType: SpanRefType.CHILD_OF, traceIdHigh: HIGH, traceIdLow: LOW, spanId: 0x1n }];
    const { records } = decodeJaegerAgentDatagram(encodeEmitBatch(batch([span({ references: refs })]), protocol), protocol);
    expect(records[0].parentSpanId).toBe('0000000000000001');
    expect(records[0].links).toEqual([]);
  });

  test('spans without ids or start are refused with reasons, the rest kept', () => {
    const bytes = encodeEmitBatch(batch([span({ traceIdHigh: 0n, traceIdLow: 0n }), span({ spanId: 0n }), span({ startTime: 0n }), span()]), protocol);
    const { records, rejected } = decodeJaegerAgentDatagram(bytes, protocol);
    expect(records).toHaveLength(1);
    expect(rejected.map((r) => r.reason)).toEqual([
      'spans[0] (operation "GET /cart"): trace id is missing or zero',
      'spans[1] (operation "GET /cart"): span id is missing or zero',
      'spans[2] (operation "GET /cart"): start time is missing',
    ]);
  });

  test('a duration past the int64 nanosecond range refuses that span only', () => {
    const bytes = encodeEmitBatch(batch([span({ duration: 9_000_000_000_000_000_000n }), span()]), protocol);
    const { records, rejected } = decodeJaegerAgentDatagram(bytes, protocol);
    expect(records).toHaveLength(1);
    expect(rejected[0].reason).toMatch(/beyond the int64 nanosecond range/);
  });

  test('truncated, empty or foreign bytes are refused with a reason', () => {
    const good = encodeEmitBatch(batch([span()]), protocol);
    expect(() => decodeJaegerAgentDatagram(good.subarray(0, good.length - 7), protocol)).toThrow(/truncated/);
    expect(() => decodeJaegerAgentDatagram(Buffer.alloc(0), protocol)).toThrow(/empty/);
    expect(() => decodeJaegerAgentDatagram(Buffer.from('{"spans":[]}'), protocol)).toThrow();
    expect(() => decodeJaegerAgentDatagram(encodeEmitBatch(batch([]), protocol, 'emitZipkinBatch'), protocol)).toThrow(/only emitBatch/);
  });
});

describe('a POST /api/traces body (a binary Batch)', () => {
  test('decodes; string tags with NUL and lone surrogates are made storable', () => {
    const body = encodeJaegerBatch(batch([span({ operationName: 'a\0b', tags: [{ key: 'k', vType: TagType.STRING, vStr: 'x\ud800' }] })]));
    const { records } = decodeJaegerHttpBody(body);
    expect(records[0].name).toBe('a\uFFFDb');
    expect(records[0].attributes.k).toBe('x\uFFFD');
  });

  test('a batch without a process is refused', () => {
    expect(() => decodeJaegerHttpBody(encodeJaegerBatch({ spans: [span()] }))).toThrow(/no process/);
  });

  test('no span.kind is UNSPECIFIED, otel.status_code OK is OK, error=false stays a tag', () => {
    const tags = [
      { key: 'otel.status_code', vType: TagType.STRING, vStr: 'OK' },
      { key: 'error', vType: TagType.BOOL, vBool: false },
    ];
    const { records } = decodeJaegerHttpBody(encodeJaegerBatch(batch([span({ tags })])));
    expect([records[0].kind, records[0].statusCode]).toEqual([0, 1]);
    expect(records[0].attributes).toEqual({ error: false });
  });
});
