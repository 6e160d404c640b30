import { context, SpanKind, SpanStatusCode, trace, TraceFlags, type Span } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { OTLPTraceExporter as OTLPHttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor, type ReadableSpan, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, inject, test } from 'vitest';
import { normalizeOtlp } from '@/lib/test/normalize-otlp';

// The real OpenTelemetry JS SDK and its OTLP exporters (protobuf with gzip, and JSON) send a
// trace that uses every attribute type the SDK can express, an error status with a message, an
// event, a link, a remote parent with a trace state; it is read back through /api/traces/{id}
// (Jaeger's UI model) and /api/v3/traces/{id} (OTLP JSON) and checked field by field.

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');

/** Records what the SDK hands to the exporter, to compare against what comes back. */
class Recorder implements SpanProcessor {
  spans: ReadableSpan[] = [];
  onStart() {}
  onEnd(span: ReadableSpan) {
    this.spans.push(span);
  }
  async forceFlush() {}
  async shutdown() {}
}

const sendTrace = async (exporter: SpanExporter, service: string) => {
  const recorder = new Recorder();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'deployment.environment': 'test', 'host.cpus': 2 }),
    spanProcessors: [recorder, new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('exporter-test', '1.2.3');
  // a remote parent, as an incoming W3C traceparent with a tracestate would give
  const remoteParent = trace.setSpanContext(context.active(), {
    traceId: crypto.randomUUID().replaceAll('-', ''),
    spanId: 'abcdef0123456789',
    traceFlags: TraceFlags.SAMPLED,
    isRemote: true,
    traceState: new TraceState('vendor=opaque,other=1'),
  });
  const linked = { traceId: 'f'.repeat(32), spanId: '0123456789abcdef', traceFlags: TraceFlags.SAMPLED };
  let server!: Span;
  tracer.startActiveSpan('GET /orders/{id}', { kind: SpanKind.SERVER, links: [{ context: linked, attributes: { 'link.why': 'batch', 'link.n': 3 } }] }, remoteParent, (span) => {
    server = span;
    span.setAttributes({
      'http.method': 'GET',
      'http.status_code': 500,
      'http.duration_ratio': 0.25,
      'cache.hit': false,
      'user.ids': ['u1', 'u2'],
      'retry.delays': [10, 20],
      'flags.set': [true, false],
    });
    // no context manager is registered here, so the parent is passed explicitly
    const child = tracer.startSpan(
      'SELECT orders',
      { kind: SpanKind.CLIENT, attributes: { 'db.system': 'postgresql', 'db.rows': 0 } },
      trace.setSpan(remoteParent, span),
    );
    child.addEvent('query.start', { 'db.statement': 'SELECT * FROM orders WHERE id = $1' });
    child.end();
    span.addEvent('exception', { 'exception.type': 'TimeoutError', 'exception.message': 'upstream timed out' });
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream timed out' });
    span.end();
  });
  await provider.forceFlush();
  await provider.shutdown();
  return { spans: recorder.spans, traceId: server.spanContext().traceId };
};

const tagMap = (tags: { key: string; type: string; value: unknown }[]) => Object.fromEntries(tags.map((t) => [t.key, [t.type, t.value]]));

describe.each([
  ['protobuf + gzip', () => new OTLPProtoExporter({ url: `${otlpUrl}/v1/traces`, compression: 'gzip' as never })],
  ['JSON', () => new OTLPHttpJsonExporter({ url: `${otlpUrl}/v1/traces` })],
])('the OTLP %s exporter', (name, makeExporter) => {
  const service = `exporter-${name.split(' ')[0].toLowerCase()}-svc`;

  test('round-trips every field through /api/v3/traces/{id}', async () => {
    const { spans, traceId } = await sendTrace(makeExporter(), service);
    expect(spans).toHaveLength(2);
    const res = await fetch(`${baseUrl}/api/v3/traces/${traceId}`);
    expect(res.status).toBe(200);
    const { result } = await res.json();
    // what the SDK itself serializes as OTLP JSON is the expectation, field for field
    const expected = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)!));
    expect(normalizeOtlp(result, { keepAttributeOrder: true })).toEqual(normalizeOtlp(expected, { keepAttributeOrder: true }));
  });

  test('reads back in Jaeger form through /api/traces/{id}, as jaeger-ui and Grafana show it', async () => {
    const { spans, traceId } = await sendTrace(makeExporter(), service);
    const res = await fetch(`${baseUrl}/api/traces/${traceId.toUpperCase()}`);
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data).toHaveLength(1);
    const [jaeger] = data;
    expect(jaeger.traceID).toBe(traceId);
    const server = jaeger.spans.find((s: { operationName: string }) => s.operationName === 'GET /orders/{id}');
    const db = jaeger.spans.find((s: { operationName: string }) => s.operationName === 'SELECT orders');
    const sdkServer = spans.find((s) => s.name === 'GET /orders/{id}')!;

    expect(jaeger.processes[server.processID]).toEqual({
      serviceName: service,
      tags: expect.arrayContaining([
        { key: 'deployment.environment', type: 'string', value: 'test' },
        { key: 'host.cpus', type: 'int64', value: 2 },
      ]),
    });
    expect(server.spanID).toBe(sdkServer.spanContext().spanId);
    expect(server.startTime).toBe(sdkServer.startTime[0] * 1e6 + Math.floor(sdkServer.startTime[1] / 1e3));
    expect(server.duration).toBe(Math.floor((sdkServer.duration[0] * 1e9 + sdkServer.duration[1]) / 1e3));
    expect(server.references).toEqual([
      { refType: 'CHILD_OF', traceID: traceId, spanID: 'abcdef0123456789' },
      { refType: 'FOLLOWS_FROM', traceID: 'f'.repeat(32), spanID: '0123456789abcdef' },
    ]);
    const tags = tagMap(server.tags);
    expect(tags).toMatchObject({
      'http.method': ['string', 'GET'],
      'http.status_code': ['int64', 500],
      'http.duration_ratio': ['float64', 0.25],
      'cache.hit': ['bool', false],
      'user.ids': ['string', '["u1","u2"]'],
      'span.kind': ['string', 'server'],
      'otel.status_code': ['string', 'ERROR'],
      'otel.status_description': ['string', 'upstream timed out'],
      error: ['bool', true],
      'w3c.tracestate': ['string', 'vendor=opaque,other=1'],
      'otel.scope.name': ['string', 'exporter-test'],
      'otel.scope.version': ['string', '1.2.3'],
    });
    expect(server.logs).toHaveLength(1);
    expect(tagMap(server.logs[0].fields)).toEqual({
      event: ['string', 'exception'],
      'exception.type': ['string', 'TimeoutError'],
      'exception.message': ['string', 'upstream timed out'],
    });
    expect(db.references).toEqual([{ refType: 'CHILD_OF', traceID: traceId, spanID: server.spanID }]);
    expect(tagMap(db.tags)).toMatchObject({ 'span.kind': ['string', 'client'], 'db.rows': ['int64', 0] });
  });

  test('the service and its operations are listed with their kinds', async () => {
    await sendTrace(makeExporter(), service);
    const services = await (await fetch(`${baseUrl}/api/services`)).json();
    expect(services.data).toContain(service);
    const ops = await (await fetch(`${baseUrl}/api/operations?service=${service}`)).json();
    expect(ops.data).toEqual([
      { name: 'GET /orders/{id}', spanKind: 'server' },
      { name: 'SELECT orders', spanKind: 'client' },
    ]);
  });
});
