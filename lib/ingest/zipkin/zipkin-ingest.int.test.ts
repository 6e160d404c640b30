import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, inject, test } from 'vitest';
import { expectNoTrace, otlpSpans, readJaegerTrace, readOtlpTrace, spanNamed, tagMap } from '@/lib/test/read-trace';
import { encodeListOfSpans } from '@/lib/ingest/zipkin/testing/encode-list-of-spans';
import { encodeZipkinThrift } from '@/lib/ingest/zipkin/testing/encode-zipkin-thrift';

// Zipkin ingest: the OpenTelemetry Zipkin exporter (npm) to the Zipkin port, read back through the
// query API; then hand-built payloads: 128-bit ids, proto3, gzip, v1 JSON, shared spans, bad input.

const baseUrl = inject('baseUrl');
const { zipkin } = inject('ingestPorts');
const zipkinUrl = `http://127.0.0.1:${zipkin}`;
const gzip = promisify(zlib.gzip);

const randomHex = (n: number) => crypto.randomUUID().replaceAll('-', '').slice(0, n);
const nowUs = () => Date.now() * 1000;

const post = (path: string, body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }, url = zipkinUrl) =>
  fetch(`${url}${path}`, { method: 'POST', headers, body });

describe('the OpenTelemetry Zipkin exporter', () => {
  test('a trace round-trips: service, operations, parent/child, tags, annotations, status', async () => {
    const service = 'zipkin-exporter-svc';
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': service }),
      spanProcessors: [new SimpleSpanProcessor(new ZipkinExporter({ url: `${zipkinUrl}/api/v2/spans` }))],
    });
    const tracer = provider.getTracer('zipkin-test');
    const server = tracer.startSpan('GET /items', { kind: SpanKind.SERVER, attributes: { 'http.method': 'GET' } });
    const child = tracer.startSpan('load items', {}, trace.setSpan(context.active(), server));
    child.addEvent('cache miss');
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'store offline' });
    child.end();
    server.end();
    await provider.forceFlush();
    await provider.shutdown();
    const traceId = server.spanContext().traceId;

    const jaeger = await readJaegerTrace(baseUrl, traceId, { spans: 2, timeoutMs: 5000 });
    const s = spanNamed(jaeger, 'GET /items');
    const c = spanNamed(jaeger, 'load items');
    expect(jaeger.processes[s.processID].serviceName).toBe(service);
    expect(c.references).toEqual([{ refType: 'CHILD_OF', traceID: traceId, spanID: s.spanID }]);
    expect(tagMap(s.tags)).toMatchObject({ 'http.method': ['string', 'GET'], 'span.kind': ['string', 'server'] });
    // no kind on the wire is Zipkin's local span, INTERNAL in OTLP terms, as the SDK had it
    expect(tagMap(c.tags)).toMatchObject({ 'span.kind': ['string', 'internal'], error: ['bool', true], 'otel.status_description': ['string', 'store offline'] });
    expect(c.logs.map((l) => tagMap(l.fields))).toEqual([{ event: ['string', 'cache miss'] }]);
    const otlp = otlpSpans(await readOtlpTrace(baseUrl, traceId));
    expect(otlp.find((x) => x.name === 'load items')?.status).toEqual({ code: 2, message: 'store offline' });
  });
});

describe('POST /api/v2/spans with hand-built payloads', () => {
  const span = (traceId: string, over: Record<string, unknown> = {}) => ({
    traceId,
    id: randomHex(16),
    name: 'get /api',
    kind: 'SERVER',
    timestamp: nowUs(),
    duration: 1200,
    localEndpoint: { serviceName: 'zipkin-hand-svc', ipv4: '10.0.0.7', port: 8080 },
    remoteEndpoint: { serviceName: 'gateway', ipv4: '10.0.0.1', port: 51000 },
    annotations: [{ timestamp: nowUs(), value: 'wr' }],
    tags: { 'http.path': '/api' },
    ...over,
  });

  test('128-bit and 64-bit trace ids, gzip JSON on the main port, 202', async () => {
    const [long, short] = [randomHex(32), randomHex(16)];
    const body = await gzip(JSON.stringify([span(long), span(short)]));
    const res = await post('/api/v2/spans', new Uint8Array(body), { 'content-type': 'application/json', 'content-encoding': 'gzip' }, baseUrl);
    expect(res.status).toBe(202);
    expect((await readJaegerTrace(baseUrl, long, { spans: 1 })).traceID).toBe(long);
    const t = await readJaegerTrace(baseUrl, short, { spans: 1 });
    expect(t.traceID).toBe(short); // Jaeger shows a 64-bit id without the zero high half
    expect(tagMap(t.spans[0].tags)).toMatchObject({ 'peer.service': ['string', 'gateway'], 'network.peer.address': ['string', '10.0.0.1'], 'network.peer.port': ['int64', 51000] });
    const process = t.processes[t.spans[0].processID];
    expect(process.serviceName).toBe('zipkin-hand-svc');
    expect(tagMap(process.tags)).toEqual({ 'network.local.address': ['string', '10.0.0.7'], 'network.local.port': ['int64', 8080] });
  });

  test('proto3 ListOfSpans', async () => {
    const traceId = randomHex(32);
    const res = await post('/api/v2/spans', new Uint8Array(encodeListOfSpans([span(traceId, { name: 'proto span' }) as never])), { 'content-type': 'application/x-protobuf' });
    expect(res.status).toBe(202);
    expect((await readJaegerTrace(baseUrl, traceId, { spans: 1 })).spans[0].operationName).toBe('proto span');
  });

  /** The trace's summary as the search list shows it, and the dependency edges of a service. */
  const summaryOf = async (traceId: string, service: string) => {
    const q = `query.serviceName=${encodeURIComponent(service)}&query.startTimeMin=${new Date(Date.now() - 600_000).toISOString()}&query.startTimeMax=${new Date(Date.now() + 60_000).toISOString()}`;
    const { summaries } = await (await fetch(`${baseUrl}/api/v3/trace-summaries?${q}`)).json();
    return summaries.find((x: { traceId: string }) => x.traceId === traceId.padStart(32, '0'));
  };
  const edgesOf = async (service: string) => (await (await fetch(`${baseUrl}/api/dependencies?service=${encodeURIComponent(service)}`)).json()).data;

  /** A client span of `fe` and the server half of `be` sharing one id, and a span the server made. */
  const sharedPair = (traceId: string, fe: string, be: string) => {
    const id = randomHex(16);
    const t = nowUs() - 5_000;
    const client = span(traceId, { id, kind: 'CLIENT', name: 'call api', timestamp: t, duration: 900, localEndpoint: { serviceName: fe }, remoteEndpoint: undefined });
    const server = span(traceId, { id, shared: true, name: 'serve api', timestamp: t + 100, duration: 700, localEndpoint: { serviceName: be } });
    const child = span(traceId, { parentId: id, kind: 'CLIENT', name: 'query db', timestamp: t + 200, duration: 300, localEndpoint: { serviceName: be }, remoteEndpoint: { serviceName: 'db' } });
    return { id, client, server, child };
  };

  const expectTold = async (traceId: string, id: string, fe: string, be: string) => {
    const t = await readJaegerTrace(baseUrl, traceId, { spans: 3 });
    const [c, s, k] = ['call api', 'serve api', 'query db'].map((n) => spanNamed(t, n));
    expect(c.spanID).toBe(id);
    expect(c.references).toEqual([]);
    expect(s.spanID).not.toBe(id);
    expect(s.references).toEqual([{ refType: 'CHILD_OF', traceID: traceId, spanID: id }]);
    expect(tagMap(s.tags)).toMatchObject({ 'zipkin.shared': ['bool', true], 'span.kind': ['string', 'server'] });
    expect(k.references).toEqual([{ refType: 'CHILD_OF', traceID: traceId, spanID: s.spanID }]);
    expect([c.duration, s.duration, k.duration]).toEqual([900, 700, 300]);
    expect(await summaryOf(traceId, be)).toMatchObject({ spanCount: 3, rootServiceName: fe, rootOperationName: 'call api' });
    expect(await edgesOf(be)).toEqual([{ parent: fe, child: be, callCount: 1 }]);
  };

  test('a shared server span and its client twin in one request are two spans, server under client', async () => {
    const traceId = randomHex(32);
    const [fe, be] = [`zk-shared-fe-${randomHex(6)}`, `zk-shared-be-${randomHex(6)}`];
    const { id, client, server, child } = sharedPair(traceId, fe, be);
    expect((await post('/api/v2/spans', JSON.stringify([client, server, child]))).status).toBe(202);
    await expectTold(traceId, id, fe, be);
  });

  test.each([['later'], ['earlier']])('the client half of a shared span arriving in a separate %s request: still two spans, server under client', async (when) => {
    const traceId = randomHex(32);
    const [fe, be] = [`zk-shared-fe-${randomHex(6)}`, `zk-shared-be-${randomHex(6)}`];
    const { id, client, server, child } = sharedPair(traceId, fe, be);
    const first = when === 'later' ? [server, child] : [client];
    const second = when === 'later' ? [client] : [server, child];
    expect((await post('/api/v2/spans', JSON.stringify(first))).status).toBe(202);
    await readJaegerTrace(baseUrl, traceId, { spans: first.length });
    expect((await post('/api/v2/spans', JSON.stringify(second))).status).toBe(202);
    await expectTold(traceId, id, fe, be);
  });

  test('a server span marked shared whose id no client span has keeps its id and parent (py_zipkin, a gateway)', async () => {
    const traceId = randomHex(32);
    const [fe, be] = [`zk-noshare-fe-${randomHex(6)}`, `zk-noshare-be-${randomHex(6)}`];
    const t = nowUs() - 5_000;
    const callerId = randomHex(16);
    const caller = span(traceId, { id: callerId, kind: 'CLIENT', name: 'call api', timestamp: t, duration: 900, localEndpoint: { serviceName: fe }, remoteEndpoint: undefined });
    const server = span(traceId, { parentId: callerId, shared: true, name: 'serve api', timestamp: t + 100, duration: 700, localEndpoint: { serviceName: be } });
    expect((await post('/api/v2/spans', JSON.stringify([caller, server]))).status).toBe(202);
    const tr = await readJaegerTrace(baseUrl, traceId, { spans: 2 });
    const s = spanNamed(tr, 'serve api');
    expect(s.spanID).toBe(server.id);
    expect(s.references).toEqual([{ refType: 'CHILD_OF', traceID: traceId, spanID: callerId }]);
    expect(await summaryOf(traceId, be)).toMatchObject({ spanCount: 2, rootServiceName: fe });
    expect(await edgesOf(be)).toEqual([{ parent: fe, child: be, callCount: 1 }]);
  });

  test.each([
    ['malformed JSON', '[{"traceId":', 'application/json', /cannot decode Zipkin v2 spans: body is not valid JSON/],
    ['an object instead of a list', '{"traceId":"1"}', 'application/json', /expected a JSON list of spans, got object/],
    ['malformed protobuf', '\x0a\xff\xff\xff', 'application/x-protobuf', /not a protobuf ListOfSpans/],
    ['a span with a bad id', '[{"traceId":"zz","id":"1","timestamp":1}]', 'application/json', /traceId: expected up to 32 hex characters/],
  ])('%s is a 400 naming the problem; nothing is stored and the port keeps working', async (_name, body, contentType, message) => {
    const res = await post('/api/v2/spans', body, { 'content-type': contentType });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(message);
    const traceId = randomHex(32);
    expect((await post('/api/v2/spans', JSON.stringify([span(traceId)]))).status).toBe(202);
    await readJaegerTrace(baseUrl, traceId, { spans: 1 });
  });

  test('a batch with one bad span stores the good one and names the bad in the 202', async () => {
    const traceId = randomHex(32);
    const res = await post('/api/v2/spans', JSON.stringify([span(traceId), span(randomHex(32), { timestamp: undefined })]));
    expect(res.status).toBe(202);
    expect(await res.text()).toMatch(/1 span\(s\) rejected: spans\[1\] \(name "get \/api"\): timestamp is missing/);
    await readJaegerTrace(baseUrl, traceId, { spans: 1 });
  });

  test('a batch whose spans are all older than the retention window is a 400 naming why, and nothing is stored', async () => {
    const traceId = randomHex(32);
    const old = nowUs() - 40 * 86_400_000_000; // the test server keeps 30 days
    const res = await post('/api/v2/spans', JSON.stringify([span(traceId, { timestamp: old }), span(traceId, { timestamp: old + 1 })]));
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/^2 span\(s\) rejected: span [0-9a-f]{16}: start time is older than the retention window of 30 days/);
    expect(await expectNoTrace(baseUrl, traceId, 200)).toBe(404);
  });
});

describe('POST /api/v1/spans (Zipkin JSON v1)', () => {
  test('a v1 span with both RPC sides becomes client + shared server', async () => {
    const traceId = randomHex(16);
    const id = randomHex(16);
    const t = nowUs();
    const fe = { serviceName: 'zipkin-v1-fe', ipv4: '10.0.0.1' };
    const be = { serviceName: 'zipkin-v1-be', ipv4: '10.0.0.2' };
    const v1 = {
      traceId,
      id,
      name: 'get /v1',
      timestamp: t,
      duration: 500,
      annotations: [
        { timestamp: t, value: 'cs', endpoint: fe },
        { timestamp: t + 100, value: 'sr', endpoint: be },
        { timestamp: t + 400, value: 'ss', endpoint: be },
        { timestamp: t + 500, value: 'cr', endpoint: fe },
      ],
      binaryAnnotations: [{ key: 'http.path', value: '/v1', endpoint: be }],
    };
    expect((await post('/api/v1/spans', JSON.stringify([v1]))).status).toBe(202);
    const trace = await readJaegerTrace(baseUrl, traceId, { spans: 2 });
    const services = trace.spans.map((s) => trace.processes[s.processID].serviceName).sort();
    expect(services).toEqual(['zipkin-v1-be', 'zipkin-v1-fe']);
  });

  test('v1 Thrift (application/x-thrift): client span and its shared server span, on the Zipkin port and the main port', async () => {
    for (const url of [zipkinUrl, baseUrl]) {
      const traceId = BigInt(`0x${randomHex(16)}`) | 1n;
      const id = BigInt(`0x${randomHex(16)}`) | 1n;
      const t = BigInt(nowUs());
      const fe = { serviceName: 'zipkin-thrift-fe', ipv4: 0x0a000001, port: 8080 };
      const be = { serviceName: 'zipkin-thrift-be', ipv4: 0x0a000002, port: 9000 };
      const body = encodeZipkinThrift([
        { traceId, id, name: 'call', timestamp: t, duration: 1_000n, annotations: [{ timestamp: t, value: 'cs', host: fe }, { timestamp: t + 1_000n, value: 'cr', host: fe }] },
        { traceId, id, name: 'serve', annotations: [{ timestamp: t + 100n, value: 'sr', host: be }, { timestamp: t + 900n, value: 'ss', host: be }],
          binaryAnnotations: [{ key: 'http.path', value: Buffer.from('/t'), annotationType: 6, host: be }] },
      ]);
      const res = await post('/api/v1/spans', new Uint8Array(body), { 'content-type': 'application/x-thrift' }, url);
      expect(res.status).toBe(202);
      const hex = traceId.toString(16).padStart(16, '0');
      const trace = await readJaegerTrace(baseUrl, hex, { spans: 2 });
      const [c, s] = [spanNamed(trace, 'call'), spanNamed(trace, 'serve')];
      expect(c.spanID).toBe(id.toString(16).padStart(16, '0'));
      expect(s.references).toEqual([{ refType: 'CHILD_OF', traceID: hex, spanID: c.spanID }]);
      expect([c.duration, s.duration]).toEqual([1000, 800]);
      expect(tagMap(s.tags)).toMatchObject({ 'http.path': ['string', '/t'] });
    }
  });

  test('v1 Thrift that is not a list of spans is a 400 naming the problem', async () => {
    const res = await post('/api/v1/spans', new Uint8Array([12, 0, 0, 0, 5, 10]), { 'content-type': 'application/x-thrift' });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/cannot decode Zipkin v1 spans: not a Zipkin v1 Thrift list of spans/);
  });

  test('malformed v1 JSON is a 400 and the Zipkin port answers 404 elsewhere', async () => {
    const res = await post('/api/v1/spans', 'nope');
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/cannot decode Zipkin v1 spans: body is not valid JSON/);
    expect((await fetch(`${zipkinUrl}/api/services`)).status).toBe(404);
    expect(await expectNoTrace(baseUrl, randomHex(32), 0)).toBe(404);
  });
});
