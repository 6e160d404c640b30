import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { describe, expect, inject, test } from 'vitest';
import { buildTrace } from '@/lib/view/trace/build-trace';
import type { CompactTrace } from './compact-trace';

// The trace page's two endpoints against the real server and database: GET /api/ui/lookup
// (pasted text → stored trace, span ids through spans_span_id_bloom) and GET /api/ui/traces/{id}
// (the compact trace, times exact, attribute types kept).

const baseUrl = inject('baseUrl');
const randomHex = (bytes: number) => Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');

const send = async (traceId: string, spans: Record<string, unknown>[]) => {
  const res = await fetch(`${baseUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'ui-api' } }] }, scopeSpans: [{ scope: { name: 'sc', version: '2' }, spans: spans.map((s) => ({ traceId, ...s })) }] }],
    }),
  });
  expect(res.status).toBe(200);
};
const lookup = async (q: string) => {
  const res = await fetch(`${baseUrl}/api/ui/lookup?q=${encodeURIComponent(q)}`);
  return { status: res.status, body: await res.json() };
};

const START_NS = BigInt(Date.now() - 60_000) * 1_000_000n + 123n; // odd nanoseconds: must survive exactly

describe('GET /api/ui/lookup', () => {
  test('a span id finds the trace holding it, and names the span', async () => {
    const traceId = randomHex(16);
    const spanId = randomHex(8);
    await send(traceId, [{ spanId, name: 'root', startTimeUnixNano: String(START_NS), endTimeUnixNano: String(START_NS + 1000n) }]);
    expect(await lookup(spanId.toUpperCase())).toEqual({ status: 200, body: { found: true, traceId, spanId, format: 'trace id' } });
  });

  test('a 16-hex id that is a stored 64-bit trace id opens that trace, not a span', async () => {
    const short = `7${randomHex(8).slice(1)}`;
    await send(short.padStart(32, '0'), [{ spanId: short, name: 'root', startTimeUnixNano: String(START_NS), endTimeUnixNano: String(START_NS + 1000n) }]);
    const { body } = await lookup(short);
    expect(body).toMatchObject({ found: true, traceId: short.padStart(32, '0'), spanId: null });
  });

  test('a traceparent of a stored trace opens the trace at the span it names', async () => {
    const traceId = randomHex(16);
    const [root, child] = [randomHex(8), randomHex(8)];
    await send(traceId, [
      { spanId: root, name: 'root', startTimeUnixNano: String(START_NS), endTimeUnixNano: String(START_NS + 1000n) },
      { spanId: child, parentSpanId: root, name: 'child', startTimeUnixNano: String(START_NS), endTimeUnixNano: String(START_NS + 500n) },
    ]);
    expect(await lookup(`traceparent: 00-${traceId}-${child}-01`)).toEqual({
      status: 200,
      body: { found: true, traceId, spanId: child, format: 'W3C traceparent' },
    });
  });

  test('an id nobody sent is a 404 that lists what was looked for', async () => {
    const missing = randomHex(16);
    expect(await lookup(`traceparent: 00-${missing}-${randomHex(8)}-01`)).toMatchObject({
      status: 404,
      body: { found: false, format: 'W3C traceparent', traceIds: [missing] },
    });
  });
});

describe('GET /api/ui/traces/{id}', () => {
  test('returns the trace compactly with exact times, typed attributes, events and links', async () => {
    const traceId = randomHex(16);
    const [root, child] = [randomHex(8), randomHex(8)];
    await send(traceId, [
      { spanId: root, name: 'GET /', kind: 2, startTimeUnixNano: String(START_NS), endTimeUnixNano: String(START_NS + 5_000_500n),
        attributes: [{ key: 'n', value: { intValue: '9007199254740993' } }, { key: 'd', value: { doubleValue: 1.5 } }] },
      { spanId: child, parentSpanId: root, name: 'db', startTimeUnixNano: String(START_NS + 1_000n), endTimeUnixNano: String(START_NS + 2_000n),
        status: { code: 2, message: 'boom' }, events: [{ name: 'retry', timeUnixNano: String(START_NS + 1_500n) }],
        links: [{ traceId: randomHex(16), spanId: randomHex(8) }] },
    ]);
    const res = await fetch(`${baseUrl}/api/ui/traces/${traceId.toUpperCase()}`);
    expect(res.status).toBe(200);
    const wire = (await res.json()) as CompactTrace;
    expect(wire.startNs).toBe(String(START_NS));
    const trace = buildTrace(wire);
    expect(trace.spans.map((s) => [s.name, s.depth, s.startUs, s.durationUs])).toEqual([
      ['GET /', 1, 0, 5000.5],
      ['db', 2, 1, 1],
    ]);
    expect(trace.spans[0].attributes).toEqual({ n: { i: '9007199254740993' }, d: { d: 1.5 } });
    expect(trace.spans[0].scope).toMatchObject({ name: 'sc', version: '2' });
    expect(trace.spans[1]).toMatchObject({ isError: true, statusMessage: 'boom', serviceName: 'ui-api' });
    expect(trace.spans[1].events).toEqual([{ t: 1.5, n: 'retry' }]);
    expect(trace.spans[1].links).toHaveLength(1);
  });

  test('is a 404 for a trace that is not stored and a 400 for a malformed id', async () => {
    expect((await fetch(`${baseUrl}/api/ui/traces/${randomHex(16)}`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/api/ui/traces/not-an-id`)).status).toBe(400);
  });
});

// the bytes as they travel: fetch() would decompress them before we could count them
const rawGet = (url: string, acceptEncoding: string) =>
  new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });

describe('compressed answers', () => {
  test('a trace is sent gzipped to a client that accepts gzip, with its span count ahead of the body', async () => {
    const traceId = randomHex(16);
    const root = randomHex(8);
    await send(traceId, Array.from({ length: 300 }, (_, i) => ({
      spanId: i === 0 ? root : randomHex(8), ...(i > 0 ? { parentSpanId: root } : {}), name: `op-${i % 7}`,
      startTimeUnixNano: String(START_NS + BigInt(i) * 1000n), endTimeUnixNano: String(START_NS + BigInt(i) * 1000n + 500n),
      attributes: [{ key: 'http.route', value: { stringValue: `/checkout/${i % 5}` } }],
    })));
    const url = `${baseUrl}/api/ui/traces/${traceId}`;
    const plain = await rawGet(url, 'identity');
    const gzipped = await rawGet(url, 'gzip, deflate, br, zstd');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
    expect(gzipped.headers['x-span-count']).toBe('300');
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 4);
    expect(JSON.parse(gunzipSync(gzipped.body).toString())).toEqual(JSON.parse(plain.body.toString()));
  });

  test('search answers and the Jaeger API are compressed too; brotli when only brotli is accepted', async () => {
    const services = await rawGet(`${baseUrl}/api/ui/search?service=ui-api&limit=50&lookback=1h`, 'gzip');
    expect(services.headers['content-encoding']).toBe('gzip');
    const jaeger = await rawGet(`${baseUrl}/api/traces?service=ui-api&limit=50&lookback=1h`, 'br');
    expect(jaeger.headers['content-encoding']).toBe('br');
  });
});

describe('GET /api/ui/ingest', () => {
  test('lists where to send spans with the ports this server was started with, not the defaults', async () => {
    const ports = inject('ingestPorts');
    const otlpPort = new URL(inject('otlpUrl')).port;
    const res = await fetch(`${baseUrl}/api/ui/ingest`);
    expect(res.status).toBe(200);
    const { endpoints } = (await res.json()) as { endpoints: { protocol: string; address: string }[] };
    expect(endpoints).toContainEqual({ protocol: 'OTLP/HTTP', address: `http://127.0.0.1:${otlpPort}/v1/traces` });
    expect(endpoints).toContainEqual({ protocol: 'OTLP/gRPC', address: `127.0.0.1:${ports.otlpGrpc}` });
    expect(endpoints).toContainEqual({ protocol: 'Zipkin', address: `http://127.0.0.1:${ports.zipkin}/api/v2/spans` });
    expect(endpoints.map((e) => e.address).join(' ')).not.toMatch(/:4318\b|:4317\b|:9411\b/);
  });
});
