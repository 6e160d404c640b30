import dgram from 'node:dgram';
import { initTracer, type JaegerTracer, type TracingConfig } from 'jaeger-client';
import { describe, expect, inject, test } from 'vitest';
import { expectNoTrace, otlpSpans, readJaegerTrace, readOtlpTrace, spanNamed, tagMap } from '@/lib/test/read-trace';
import { encodeEmitBatch, encodeJaegerBatch } from '@/lib/ingest/jaeger/testing/encode-jaeger-thrift';
import { SpanRefType, TagType, type Batch } from './wire-types';

// Jaeger clients as users run them, read back through the query API:
//  - the real `jaeger-client` 3.19 (npm) over UDP to the binary agent port (its UdpSender only
//    speaks binary Thrift to 6832: the Node client cannot emit compact Thrift) and over HTTP to
//    POST /api/traces (its HTTPSender);
//  - compact-Thrift emitBatch datagrams (what Java/Go/Python clients send to 6831), encoded by the
//    Apache Thrift library's TCompactProtocol, and binary-Thrift batches encoded by its
//    TBinaryProtocol, for the edge cases no client sends on demand.

const baseUrl = inject('baseUrl');
const ports = inject('ingestPorts');
const quiet = { info() {}, error() {} };

/** Builds a small trace with the real client: a server span, a child with a log, an error. */
const sendWithClient = async (config: Omit<TracingConfig, 'sampler'>, traceId128bit: boolean) => {
  const tracer: JaegerTracer = initTracer(
    { ...config, sampler: { type: 'const', param: 1 }, reporter: { ...config.reporter, flushIntervalMs: 100 } },
    { logger: quiet, traceId128bit, tags: { 'deployment.environment': 'test', 'host.cpus': 2 } },
  );
  const server = tracer.startSpan('GET /basket', { tags: { 'span.kind': 'server', 'http.status_code': 200, 'http.method': 'GET' } });
  const child = tracer.startSpan('SELECT basket', { childOf: server, tags: { 'span.kind': 'client', 'db.rows': 3, ratio: 0.5, cached: false } });
  child.log({ event: 'query.start', 'db.statement': 'SELECT 1' });
  child.setTag('error', true);
  child.log({ event: 'error', message: 'deadlock' });
  child.finish();
  server.finish();
  await new Promise<void>((resolve) => tracer.close(resolve));
  return { traceId: server.context().toTraceId().padStart(traceId128bit ? 32 : 16, '0'), serverSpanId: server.context().toSpanId() };
};

const checkClientTrace = async (service: string, traceId: string, serverSpanId: string) => {
  const trace = await readJaegerTrace(baseUrl, traceId, { spans: 2 });
  const server = spanNamed(trace, 'GET /basket');
  const child = spanNamed(trace, 'SELECT basket');
  expect(trace.processes[server.processID].serviceName).toBe(service);
  // jaeger-client sends every JS number as a DOUBLE tag (it cannot tell 2 from 2.0): stored as sent
  expect(tagMap(trace.processes[server.processID].tags)).toMatchObject({ 'deployment.environment': ['string', 'test'], 'host.cpus': ['float64', 2] });
  expect(server.spanID).toBe(serverSpanId.padStart(16, '0'));
  expect(server.references).toEqual([]);
  expect(child.references).toEqual([{ refType: 'CHILD_OF', traceID: trace.traceID, spanID: server.spanID }]);
  expect(tagMap(server.tags)).toMatchObject({ 'span.kind': ['string', 'server'], 'http.status_code': ['float64', 200] });
  expect(tagMap(child.tags)).toMatchObject({
    'span.kind': ['string', 'client'],
    'db.rows': ['float64', 3],
    ratio: ['float64', 0.5],
    cached: ['bool', false],
    error: ['bool', true],
    'otel.status_code': ['string', 'ERROR'],
  });
  expect(child.logs.map((l) => tagMap(l.fields))).toEqual([
    { event: ['string', 'query.start'], 'db.statement': ['string', 'SELECT 1'] },
    { event: ['string', 'error'], message: ['string', 'deadlock'] },
  ]);
  // the same trace in OTLP terms: kinds, status, parent
  const spans = otlpSpans(await readOtlpTrace(baseUrl, traceId));
  const otlpChild = spans.find((s) => s.name === 'SELECT basket')!;
  expect(otlpChild.kind).toBe(3);
  expect(otlpChild.status?.code).toBe(2);
  expect(otlpChild.parentSpanId).toBe(server.spanID);
  expect(spans.find((s) => s.name === 'GET /basket')!.kind).toBe(2);
};

describe('jaeger-client (npm)', () => {
  test('over UDP to the binary agent port, 128-bit trace id', async () => {
    const service = 'jaeger-client-udp-svc';
    const { traceId, serverSpanId } = await sendWithClient({ serviceName: service, reporter: { agentHost: '127.0.0.1', agentPort: ports.jaegerAgentBinary } }, true);
    expect(traceId).toHaveLength(32);
    await checkClientTrace(service, traceId, serverSpanId);
  });

  test('over HTTP to POST /api/traces on the Jaeger collector port', async () => {
    const service = 'jaeger-client-http-svc';
    const { traceId, serverSpanId } = await sendWithClient(
      { serviceName: service, reporter: { collectorEndpoint: `http://127.0.0.1:${ports.jaegerHttp}/api/traces` } },
      false,
    );
    await checkClientTrace(service, traceId, serverSpanId);
  });
});

const now = () => BigInt(Date.now()) * 1000n;
const randomId = () => BigInt.asIntN(64, BigInt(`0x${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`));
const hex = (v: bigint) => BigInt.asUintN(64, v).toString(16).padStart(16, '0');

/** A root, and a child with several references (FOLLOWS_FROM, CHILD_OF the root, CHILD_OF another span). */
const handBuiltBatch = (service: string): { batch: Batch; traceId: string; root: bigint; child: bigint; other: bigint } => {
  const [high, low, root, child, other] = [randomId(), randomId(), randomId(), randomId(), randomId()];
  const t = now();
  const ids = { traceIdHigh: high, traceIdLow: low };
  const batch: Batch = {
    process: { serviceName: service, tags: [{ key: 'ip', vType: TagType.STRING, vStr: '10.1.2.3' }] },
    spans: [
      { ...ids, spanId: root, parentSpanId: 0n, operationName: 'root', references: [], flags: 1, startTime: t, duration: 900n, tags: [], logs: [] },
      {
        ...ids,
        spanId: child,
        parentSpanId: 0n,
        operationName: 'child',
        references: [
          { refType: SpanRefType.FOLLOWS_FROM, ...ids, spanId: other },
          { refType: SpanRefType.CHILD_OF, ...ids, spanId: root },
          { refType: SpanRefType.CHILD_OF, ...ids, spanId: other },
        ],
        flags: 1,
        startTime: t + 10n,
        duration: 100n,
        tags: [
          { key: 'span.kind', vType: TagType.STRING, vStr: 'producer' },
          { key: 'otel.status_code', vType: TagType.STRING, vStr: 'OK' },
          { key: 'queue.depth', vType: TagType.LONG, vLong: 9_007_199_254_740_993n },
        ],
        logs: [{ timestamp: t + 20n, fields: [{ key: 'event', vType: TagType.STRING, vStr: 'sent' }] }],
      },
    ],
  };
  return { batch, traceId: hex(high) + hex(low), root, child, other };
};

const sendUdp = (port: number, bytes: Buffer) =>
  new Promise<void>((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.send(bytes, port, '127.0.0.1', (err) => (socket.close(), err ? reject(err) : resolve()));
  });

describe.each([
  ['compact', () => ports.jaegerAgentCompact],
  ['binary', () => ports.jaegerAgentBinary],
] as const)('a hand-built %s-Thrift emitBatch over UDP', (protocol, port) => {
  test('a 128-bit trace whose span has several references reads back with parent and links', async () => {
    const { batch, traceId, root, other } = handBuiltBatch(`jaeger-${protocol}-udp-svc`);
    await sendUdp(port(), encodeEmitBatch(batch, protocol));
    const trace = await readJaegerTrace(baseUrl, traceId, { spans: 2 });
    expect(trace.traceID).toBe(traceId);
    const child = spanNamed(trace, 'child');
    expect(trace.processes[child.processID]).toEqual({ serviceName: `jaeger-${protocol}-udp-svc`, tags: [{ key: 'ip', type: 'string', value: '10.1.2.3' }] });
    expect(child.references).toEqual([
      { refType: 'CHILD_OF', traceID: traceId, spanID: hex(root) },
      { refType: 'FOLLOWS_FROM', traceID: traceId, spanID: hex(other) },
      { refType: 'CHILD_OF', traceID: traceId, spanID: hex(other) },
    ]);
    expect(tagMap(child.tags)).toMatchObject({ 'span.kind': ['string', 'producer'], 'otel.status_code': ['string', 'OK'], 'queue.depth': ['int64', 9_007_199_254_740_993n.toString()] });
    expect(child.logs.map((l) => tagMap(l.fields))).toEqual([{ event: ['string', 'sent'] }]);
  });

  test('a malformed datagram is dropped, nothing stored, and the port keeps working', async () => {
    const { batch, traceId } = handBuiltBatch(`jaeger-${protocol}-bad-svc`);
    const good = encodeEmitBatch(batch, protocol);
    await sendUdp(port(), good.subarray(0, good.length - 20)); // truncated
    await sendUdp(port(), Buffer.from('not thrift at all'));
    expect(await expectNoTrace(baseUrl, traceId)).toBe(404);
    await sendUdp(port(), good);
    expect((await readJaegerTrace(baseUrl, traceId, { spans: 2 })).spans).toHaveLength(2);
  });
});

describe('POST /api/traces (Jaeger Thrift over HTTP)', () => {
  const post = (url: string, body: Uint8Array, contentType = 'application/x-thrift') =>
    fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(body) });

  test('is served on the main port too, 202 Accepted, and reads back', async () => {
    const { batch, traceId } = handBuiltBatch('jaeger-http-main-svc');
    const res = await post(`${baseUrl}/api/traces`, encodeJaegerBatch(batch), 'application/vnd.apache.thrift.binary');
    expect(res.status).toBe(202);
    expect((await readJaegerTrace(baseUrl, traceId, { spans: 2 })).spans).toHaveLength(2);
  });

  test('malformed Thrift is a 400 naming the problem, and nothing is stored', async () => {
    const { batch, traceId } = handBuiltBatch('jaeger-http-bad-svc');
    const good = encodeJaegerBatch(batch);
    const res = await post(`http://127.0.0.1:${ports.jaegerHttp}/api/traces`, good.subarray(0, good.length - 30));
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/cannot decode Jaeger Thrift batch: the data ends in the middle of a value/);
    expect(await expectNoTrace(baseUrl, traceId, 200)).toBe(404);
  });

  test('a batch whose spans are all older than the retention window is a 400 naming why, and nothing is stored', async () => {
    const { batch, traceId } = handBuiltBatch('jaeger-http-old-svc');
    const days40 = 40n * 86_400_000_000n; // µs; the test server keeps 30 days
    const old = { ...batch, spans: batch.spans.map((s) => ({ ...s, startTime: s.startTime! - days40, logs: [] })) };
    const res = await post(`http://127.0.0.1:${ports.jaegerHttp}/api/traces`, encodeJaegerBatch(old));
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/^2 span\(s\) rejected: span [0-9a-f]{16}: start time is older than the retention window of 30 days/);
    expect(await expectNoTrace(baseUrl, traceId, 200)).toBe(404);
  });

  test('another media type is a 415; the port serves nothing else', async () => {
    const res = await post(`http://127.0.0.1:${ports.jaegerHttp}/api/traces`, Buffer.from('[]'), 'application/json');
    expect(res.status).toBe(415);
    expect(await res.text()).toMatch(/send application\/x-thrift or application\/vnd.apache.thrift.binary/);
    expect((await fetch(`http://127.0.0.1:${ports.jaegerHttp}/api/services`)).status).toBe(404);
  });
});
