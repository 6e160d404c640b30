import { ROOT_CONTEXT, SpanKind as ApiSpanKind, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { beforeAll, describe, expect, it } from 'vitest';

import type { DecodedBatch, SpanRecord } from '@/lib/model/span-record';
import { decodeOtlpJson } from './decode-otlp-json';
import { decodeOtlpProtobuf } from './decode-otlp-protobuf';

// Spans made by the real OpenTelemetry JS SDK, serialized by the real otlp-transformer serializers
// (the ones OTLPTraceExporter uses), decoded by ours: every field must come back exactly.

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const REMOTE_PARENT_ID = 'b7ad6b7169203331';
const ROOT_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_IDS = ['00f067aa0ba902b7', 'a1b2c3d4e5f60718', 'deadbeefcafef00d'];
const LINK_TRACE_ID = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const LINK_SPAN_IDS = ['0102030405060708', '1112131415161718', '2122232425262728'];

const makeSpans = (): ReadableSpan[] => {
  const exporter = new InMemorySpanExporter();
  let spanIndex = 0;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(
      { 'service.name': 'checkout', 'host.name': 'web-1', 'process.pid': 4242 },
      { schemaUrl: 'https://opentelemetry.io/schemas/1.26.0' },
    ),
    idGenerator: { generateTraceId: () => ROOT_TRACE_ID, generateSpanId: () => SPAN_IDS[spanIndex++] },
    spanLimits: {
      attributeCountLimit: 12,
      eventCountLimit: 3,
      linkCountLimit: 2,
      attributePerEventCountLimit: 2,
      attributePerLinkCountLimit: 1,
    },
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('checkout-instrumentation', '1.2.3', { schemaUrl: 'https://example.com/scope-schema' });

  // a span continuing a remote trace (its parent came in a traceparent header, with a tracestate)
  const remoteParent = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: TRACE_ID,
    spanId: REMOTE_PARENT_ID,
    traceFlags: TraceFlags.SAMPLED,
    isRemote: true,
    traceState: new TraceState('vendor=abc,other=1'),
  });
  const server = tracer.startSpan(
    'GET /checkout',
    {
      kind: ApiSpanKind.SERVER,
      startTime: [1700000000, 123456789],
      attributes: {
        'http.method': 'GET',
        'http.status_code': 500,
        'big.int': 2 ** 60, // > 2^53: must stay exact through both encodings
        'neg.int': -7,
        ratio: 72.5,
        ok: false,
        tags: ['a', 'b'],
        codes: [1, 2, 3],
        bits: [true, false],
        temps: [1.5, -2.25],
      },
      links: [
        { context: { traceId: LINK_TRACE_ID, spanId: LINK_SPAN_IDS[0], traceFlags: TraceFlags.NONE } },
        {
          context: {
            traceId: LINK_TRACE_ID,
            spanId: LINK_SPAN_IDS[1],
            traceFlags: TraceFlags.SAMPLED,
            isRemote: true,
            traceState: new TraceState('l=1'),
          },
          attributes: { 'link.kind': 'batch', 'link.dropped': 1 },
        },
        { context: { traceId: LINK_TRACE_ID, spanId: LINK_SPAN_IDS[2], traceFlags: TraceFlags.SAMPLED } },
      ],
    },
    remoteParent,
  );
  server.setAttribute('x1', 'one');
  server.setAttribute('x2', 'two');
  server.setAttribute('x3', 'dropped');
  server.setAttribute('x4', 'dropped');
  server.addEvent('e0', [1700000000, 200000000]); // pushed out by the event limit
  server.addEvent('cache.miss', { key: 'user:1', attempt: 2, extra: 'dropped' }, [1700000000, 223456789]);
  server.addEvent('retry', [1700000000, 323456789]);
  server.addEvent('exception', { 'exception.message': 'boom' }, [1700000001, 1]);
  server.setStatus({ code: SpanStatusCode.ERROR, message: 'payment failed' });

  const child = tracer.startSpan(
    'charge card',
    { kind: ApiSpanKind.CLIENT, startTime: [1700000000, 500000000] },
    trace.setSpan(ROOT_CONTEXT, server),
  );
  child.setStatus({ code: SpanStatusCode.OK });
  child.end([1700000000, 900000001]);
  server.end([1700000001, 987654321]);

  const root = tracer.startSpan('cron tick', { kind: ApiSpanKind.INTERNAL, startTime: [1700000100, 0] });
  root.end([1700000100, 5]);

  return exporter.getFinishedSpans();
};

const byName = (batch: DecodedBatch, name: string): SpanRecord => {
  const record = batch.records.find((r) => r.name === name);
  if (!record) throw new Error(`no span named ${name}`);
  return record;
};

describe('decoding spans from the OpenTelemetry JS SDK', () => {
  let spans: ReadableSpan[];
  const encodings: Record<string, DecodedBatch> = {};

  beforeAll(() => {
    spans = makeSpans();
    encodings.protobuf = decodeOtlpProtobuf(ProtobufTraceSerializer.serializeRequest(spans)!);
    encodings.json = decodeOtlpJson(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)!));
  });

  describe.each(['protobuf', 'json'])('OTLP/%s', (encoding) => {
    const batch = () => encodings[encoding];

    it('accepts every span and rejects none', () => {
      expect(batch().rejected).toEqual([]);
      expect(batch().records.map((r) => r.name).sort()).toEqual(['GET /checkout', 'charge card', 'cron tick']);
    });

    it('decodes ids, parent, kind, times, status, trace state and flags exactly', () => {
      const server = byName(batch(), 'GET /checkout');
      expect(server).toMatchObject({
        traceId: TRACE_ID,
        spanId: SPAN_IDS[0],
        parentSpanId: REMOTE_PARENT_ID,
        kind: 2,
        startNs: 1700000000123456789n,
        endNs: 1700000001987654321n,
        statusCode: 2,
        statusMessage: 'payment failed',
        traceState: 'vendor=abc,other=1',
        // W3C sampled (0x01) | HAS_IS_REMOTE (0x100) | IS_REMOTE (0x200): the parent was remote
        flags: 0x301,
      });

      const child = byName(batch(), 'charge card');
      expect(child).toMatchObject({
        traceId: TRACE_ID,
        spanId: SPAN_IDS[1],
        parentSpanId: SPAN_IDS[0],
        kind: 3,
        startNs: 1700000000500000000n,
        endNs: 1700000000900000001n,
        statusCode: 1,
        statusMessage: '',
        traceState: 'vendor=abc,other=1',
        flags: 0x101,
      });

      const root = byName(batch(), 'cron tick');
      expect(root).toMatchObject({
        traceId: ROOT_TRACE_ID,
        spanId: SPAN_IDS[2],
        parentSpanId: '',
        kind: 1,
        startNs: 1700000100000000000n,
        endNs: 1700000100000000005n,
        statusCode: 0,
        statusMessage: '',
        traceState: '',
        flags: 0x101,
        attributes: {},
        events: [],
        links: [],
        droppedAttributesCount: 0,
        droppedEventsCount: 0,
        droppedLinksCount: 0,
      });
    });

    it('decodes attributes of every SDK type, including an int above 2^53', () => {
      const server = byName(batch(), 'GET /checkout');
      expect(server.attributes).toEqual({
        'http.method': 'GET',
        'http.status_code': 500,
        'big.int': { i: '1152921504606846976' },
        'neg.int': -7,
        ratio: { d: 72.5 },
        ok: false,
        tags: ['a', 'b'],
        codes: [1, 2, 3],
        bits: [true, false],
        temps: [{ d: 1.5 }, { d: -2.25 }],
        x1: 'one',
        x2: 'two',
      });
      expect(server.droppedAttributesCount).toBe(2);
    });

    it('decodes events with attributes and dropped counts', () => {
      const server = byName(batch(), 'GET /checkout');
      expect(server.events).toEqual([
        { t: '1700000000223456789', n: 'cache.miss', a: { key: 'user:1', attempt: 2 }, d: 1 },
        { t: '1700000000323456789', n: 'retry' },
        { t: '1700000001000000001', n: 'exception', a: { 'exception.message': 'boom' } },
      ]);
      expect(server.droppedEventsCount).toBe(1);
    });

    it('decodes links with trace state, attributes, dropped counts and flags', () => {
      const server = byName(batch(), 'GET /checkout');
      expect(server.links).toEqual([
        { t: LINK_TRACE_ID, s: LINK_SPAN_IDS[1], ts: 'l=1', a: { 'link.kind': 'batch' }, d: 1, f: 0x301 },
        { t: LINK_TRACE_ID, s: LINK_SPAN_IDS[2], f: 0x101 },
      ]);
      expect(server.droppedLinksCount).toBe(1);
    });

    it('decodes the resource and scope, one shared object each', () => {
      const records = batch().records;
      expect(records[0].resource).toEqual({
        serviceName: 'checkout',
        attributes: { 'service.name': 'checkout', 'host.name': 'web-1', 'process.pid': 4242 },
        droppedAttributesCount: 0,
        schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
      });
      expect(records[0].scope).toEqual({
        name: 'checkout-instrumentation',
        version: '1.2.3',
        attributes: {},
        droppedAttributesCount: 0,
        schemaUrl: 'https://example.com/scope-schema',
      });
      for (const record of records) {
        expect(record.resource).toBe(records[0].resource);
        expect(record.scope).toBe(records[0].scope);
      }
    });
  });

  it('decodes bytes and map attributes the serializers emit for Uint8Array and object values', () => {
    // the SDK API only takes primitives and arrays; the serializers also encode Uint8Array as
    // bytesValue and plain objects as kvlistValue, so give them such values directly
    const [span] = makeSpans().filter((s) => s.name === 'cron tick');
    const withAnyValues = {
      ...span,
      spanContext: () => span.spanContext(),
      attributes: {
        blob: new Uint8Array([0, 1, 2, 250, 255]),
        nested: { a: 'x', b: 2, c: { d: [true] } },
      },
    } as unknown as ReadableSpan;

    const fromProtobuf = decodeOtlpProtobuf(ProtobufTraceSerializer.serializeRequest([withAnyValues])!);
    const fromJson = decodeOtlpJson(new TextDecoder().decode(JsonTraceSerializer.serializeRequest([withAnyValues])!));
    const expected = {
      blob: { b: 'AAEC+v8=' },
      nested: { m: { a: 'x', b: 2, c: { m: { d: [true] } } } },
    };
    expect(fromProtobuf.records[0].attributes).toEqual(expected);
    expect(fromJson.records[0].attributes).toEqual(expected);
  });
});
