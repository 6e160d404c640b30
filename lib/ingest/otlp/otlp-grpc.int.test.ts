import * as grpc from '@grpc/grpc-js';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { trace, context } from '@opentelemetry/api';
import protobuf from 'protobufjs';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { otlpSpans, readJaegerTrace, readOtlpTrace, spanNamed, tagMap } from '@/lib/test/read-trace';
import { otlpTypes } from './otlp-proto';

// OTLP/gRPC as the OpenTelemetry JS SDK's gRPC exporter sends it (gzip), read back through the
// query API; then the status codes an exporter acts on, and the gRPC health service.

const baseUrl = inject('baseUrl');
const { otlpGrpc } = inject('ingestPorts');
const address = `127.0.0.1:${otlpGrpc}`;
const EXPORT = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

const client = new grpc.Client(address, grpc.credentials.createInsecure());
afterAll(() => client.close());

const call = (path: string, body: Buffer, metadata = new grpc.Metadata()) =>
  new Promise<{ error: grpc.ServiceError | null; response?: Buffer }>((resolve) =>
    client.makeUnaryRequest(path, (b: Buffer) => b, (b: Buffer) => b, body, metadata, (error, response) => resolve({ error, response })),
  );

describe('the OTel SDK gRPC exporter with gzip', () => {
  test('a trace round-trips: service, operations, parent/child, attributes, events, status', async () => {
    const service = 'otlp-grpc-svc';
    const exporter = new OTLPTraceExporter({ url: `http://${address}`, compression: 'gzip' as never });
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': service, 'host.cpus': 2 }),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const tracer = provider.getTracer('grpc-test', '0.1.0');
    const server = tracer.startSpan('POST /pay', { kind: SpanKind.SERVER, attributes: { 'http.status_code': 502, 'http.route': '/pay' } });
    const child = tracer.startSpan('charge card', { kind: SpanKind.CLIENT, attributes: { amount: 12.5 } }, trace.setSpan(context.active(), server));
    child.addEvent('retry', { attempt: 2 });
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'card declined' });
    child.end();
    server.end();
    await provider.forceFlush();
    await provider.shutdown();
    const traceId = server.spanContext().traceId;

    const jaeger = await readJaegerTrace(baseUrl, traceId, { spans: 2, timeoutMs: 5000 });
    const s = spanNamed(jaeger, 'POST /pay');
    const c = spanNamed(jaeger, 'charge card');
    expect(jaeger.processes[s.processID].serviceName).toBe(service);
    expect(c.references).toEqual([{ refType: 'CHILD_OF', traceID: traceId, spanID: server.spanContext().spanId }]);
    expect(tagMap(s.tags)).toMatchObject({ 'http.status_code': ['int64', 502], 'span.kind': ['string', 'server'], 'otel.scope.name': ['string', 'grpc-test'] });
    expect(tagMap(c.tags)).toMatchObject({ amount: ['float64', 12.5], error: ['bool', true], 'otel.status_description': ['string', 'card declined'] });
    expect(c.logs.map((l) => tagMap(l.fields))).toEqual([{ event: ['string', 'retry'], attempt: ['int64', 2] }]);
    const otlp = otlpSpans(await readOtlpTrace(baseUrl, traceId));
    expect(otlp.find((x) => x.name === 'charge card')?.status).toEqual({ code: 2, message: 'card declined' });
  });
});

describe('OTLP/gRPC status codes', () => {
  test('undecodable bytes are INVALID_ARGUMENT, and the server stays up', async () => {
    const { error } = await call(EXPORT, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]));
    expect(error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(error?.details).toMatch(/cannot decode OTLP protobuf request/);
    const ok = await call(EXPORT, Buffer.from(otlpTypes.ExportTraceServiceRequest.encode({ resourceSpans: [] }).finish()));
    expect(ok.error).toBeNull();
  });

  test('a message above the size limit is RESOURCE_EXHAUSTED', async () => {
    const { error } = await call(EXPORT, Buffer.alloc(5 * 1024 * 1024, 0x0a)); // the test server allows 4 MiB
    expect(error?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
  });

  test('refused spans come back as partial_success', async () => {
    const request = otlpTypes.ExportTraceServiceRequest.fromObject({
      resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: Buffer.alloc(16), spanId: Buffer.alloc(8, 1), name: 'zero', startTimeUnixNano: 1 }] }] }],
    });
    const { error, response } = await call(EXPORT, Buffer.from(otlpTypes.ExportTraceServiceRequest.encode(request).finish()));
    expect(error).toBeNull();
    const decoded = otlpTypes.ExportTraceServiceResponse.toObject(otlpTypes.ExportTraceServiceResponse.decode(response!), { longs: Number });
    expect(decoded.partialSuccess.rejectedSpans).toBe(1);
    expect(decoded.partialSuccess.errorMessage).toMatch(/trace id is all zeros/);
  });
});

describe('the gRPC health service', () => {
  const health = protobuf.parse(`syntax = "proto3"; package h;
    message Req { string service = 1; } message Res { int32 status = 1; }`).root;
  const Req = health.lookupType('h.Req');
  const Res = health.lookupType('h.Res');
  const check = (service: string) => call('/grpc.health.v1.Health/Check', Buffer.from(Req.encode({ service }).finish()));

  test('reports SERVING for the server and the trace service, NOT_FOUND for others', async () => {
    for (const service of ['', 'opentelemetry.proto.collector.trace.v1.TraceService']) {
      const { error, response } = await check(service);
      expect(error).toBeNull();
      expect((Res.decode(response!) as unknown as { status: number }).status).toBe(1);
    }
    expect((await check('nope')).error?.code).toBe(grpc.status.NOT_FOUND);
  });
});
