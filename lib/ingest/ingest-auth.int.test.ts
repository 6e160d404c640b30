import dgram from 'node:dgram';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '@/lib/test/test-server';
import { encodeEmitBatch, encodeJaegerBatch } from '@/lib/ingest/jaeger/testing/encode-jaeger-thrift';
import { TagType, type Batch } from '@/lib/ingest/jaeger/wire-types';
import { otlpTypes } from '@/lib/ingest/otlp/otlp-proto';

// INGEST_TOKENS on a server of its own: every HTTP and gRPC ingest path wants a token (Bearer,
// x-api-key, or Basic auth's password), refuses a missing or wrong one without storing anything,
// and the UDP agent ports stay off, which the start log says.

const TOKENS = 'tok-alpha,tok-beta';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { INGEST_TOKENS: TOKENS, LOG_LEVEL: 'info' } });
}, 240_000);
afterAll(async () => server?.stop());

/** The server's log once it matches `re` (log lines arrive through a pipe, a moment later). */
const logMatching = async (re: RegExp): Promise<string> => {
  for (let i = 0; i < 50 && !re.test(server.output()); i++) await new Promise((r) => setTimeout(r, 50));
  return server.output();
};

const randomHex = (n: number) => crypto.randomUUID().replaceAll('-', '').slice(0, n);
const status = async (traceId: string) => (await fetch(`${server.baseUrl}/api/traces/${traceId}`)).status;
const basic = (password: string) => `Basic ${Buffer.from(`jaeger:${password}`).toString('base64')}`;

const otlpJson = (traceId: string) =>
  JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'auth-svc' } }] },
        scopeSpans: [{ spans: [{ traceId, spanId: randomHex(16), name: 'op', startTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n) }] }],
      },
    ],
  });

const zipkinJson = (traceId: string) => JSON.stringify([{ traceId, id: randomHex(16), name: 'op', timestamp: Date.now() * 1000, localEndpoint: { serviceName: 'auth-svc' } }]);

const jaegerBatch = (traceId: string): Batch => ({
  process: { serviceName: 'auth-svc', tags: [] },
  spans: [
    {
      traceIdHigh: BigInt.asIntN(64, BigInt(`0x${traceId.slice(0, 16)}`)),
      traceIdLow: BigInt.asIntN(64, BigInt(`0x${traceId.slice(16)}`)),
      spanId: 7n,
      operationName: 'op',
      references: [],
      startTime: BigInt(Date.now()) * 1000n,
      duration: 5n,
      tags: [{ key: 'k', vType: TagType.STRING, vStr: 'v' }],
      logs: [],
    },
  ],
});

type HttpPath = { name: string; url: () => string; contentType: string; body: (traceId: string) => BodyInit; ok: number };
const HTTP_PATHS: HttpPath[] = [
  { name: 'OTLP/HTTP', url: () => `${server.otlpUrl}/v1/traces`, contentType: 'application/json', body: otlpJson, ok: 200 },
  { name: 'Zipkin', url: () => `http://127.0.0.1:${server.ingestPorts.zipkin}/api/v2/spans`, contentType: 'application/json', body: zipkinJson, ok: 202 },
  {
    name: 'Jaeger HTTP',
    url: () => `http://127.0.0.1:${server.ingestPorts.jaegerHttp}/api/traces`,
    contentType: 'application/x-thrift',
    body: (id) => new Uint8Array(encodeJaegerBatch(jaegerBatch(id))),
    ok: 202,
  },
  { name: 'Zipkin on the main port', url: () => `${server.baseUrl}/api/v2/spans`, contentType: 'application/json', body: zipkinJson, ok: 202 },
];

describe.each(HTTP_PATHS)('$name with INGEST_TOKENS set', ({ url, contentType, body, ok }) => {
  const send = (traceId: string, headers: Record<string, string>) =>
    fetch(url(), { method: 'POST', headers: { 'content-type': contentType, ...headers }, body: body(traceId) });

  test.each([
    ['no token', {}],
    ['a wrong Bearer token', { authorization: 'Bearer tok-gamma' }],
    ['a wrong x-api-key', { 'x-api-key': 'tok-alph' }],
  ])('%s is a 401 and nothing is stored', async (_name, headers) => {
    const traceId = randomHex(32);
    const res = await send(traceId, headers);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.text()).toMatch(/ingest token/);
    expect(await status(traceId)).toBe(404);
  });

  test.each([
    ['Authorization: Bearer', { authorization: 'Bearer tok-alpha' }],
    ['x-api-key', { 'x-api-key': 'tok-beta' }],
    ['Basic auth with the token as password (jaeger-client)', { authorization: basic('tok-beta') }],
  ])('a right token as %s is accepted and stored', async (_name, headers) => {
    const traceId = randomHex(32);
    expect((await send(traceId, headers)).status).toBe(ok);
    expect(await status(traceId)).toBe(200);
  });
});

test('refused ingests are logged with the client address and the credential form, never the token', async () => {
  const log = await logMatching(/refused Jaeger .* x-api-key/);
  expect(log).toMatch(/refused OTLP\/HTTP ingest from (::ffff:)?127\.0\.0\.1: credential tried: no credential \(401\)/);
  expect(log).toMatch(/refused Zipkin v2 spans ingest from (::ffff:)?127\.0\.0\.1: credential tried: Authorization: Bearer \(not a configured token\) \(401\)/);
  expect(log).toMatch(/refused Jaeger .* ingest from (::ffff:)?127\.0\.0\.1: credential tried: x-api-key \(not a configured token\) \(401\)/);
  expect(log).not.toMatch(/tok-gamma|tok-alph\b/);
});

describe('OTLP/gRPC with INGEST_TOKENS set', () => {
  const client = () => new grpc.Client(`127.0.0.1:${server.ingestPorts.otlpGrpc}`, grpc.credentials.createInsecure());
  const request = (traceId: string) =>
    Buffer.from(
      otlpTypes.ExportTraceServiceRequest.encode(
        otlpTypes.ExportTraceServiceRequest.fromObject({
          resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: Buffer.from(traceId, 'hex'), spanId: Buffer.alloc(8, 3), name: 'op', startTimeUnixNano: Date.now() * 1e6 }] }] }],
        }),
      ).finish(),
    );
  const exportWith = (traceId: string, metadata: Record<string, string>) => {
    const c = client();
    const md = new grpc.Metadata();
    for (const [k, v] of Object.entries(metadata)) md.set(k, v);
    return new Promise<grpc.ServiceError | null>((resolve) =>
      c.makeUnaryRequest('/opentelemetry.proto.collector.trace.v1.TraceService/Export', (b: Buffer) => b, (b: Buffer) => b, request(traceId), md, (err) => {
        c.close();
        resolve(err);
      }),
    );
  };

  test('without or with a wrong token: UNAUTHENTICATED, nothing stored', async () => {
    for (const md of [{}, { authorization: 'Bearer nope' }] as Record<string, string>[]) {
      const traceId = randomHex(32);
      expect((await exportWith(traceId, md))?.code).toBe(grpc.status.UNAUTHENTICATED);
      expect(await status(traceId)).toBe(404);
    }
    expect(await logMatching(/refused OTLP\/gRPC .*Bearer/)).toMatch(/refused OTLP\/gRPC ingest from (ipv[46]:)?[\d.:[\]a-f]+: credential tried: Authorization: Bearer \(not a configured token\) \(UNAUTHENTICATED\)/);
    expect(server.output()).not.toMatch(/nope/);
  });

  test('a token in the metadata (Bearer or x-api-key) is accepted', async () => {
    for (const md of [{ authorization: 'Bearer tok-alpha' }, { 'x-api-key': 'tok-beta' }] as Record<string, string>[]) {
      const traceId = randomHex(32);
      expect(await exportWith(traceId, md)).toBeNull();
      expect(await status(traceId)).toBe(200);
    }
  });
});

describe('the UDP agent ports with INGEST_TOKENS set', () => {
  test('stay off, and the start log says why and how to open them', async () => {
    expect(server.output()).toMatch(/Jaeger agent, compact Thrift on UDP \d+ stays off: INGEST_TOKENS is set and UDP cannot carry a token/);
    expect(server.output()).toMatch(/Jaeger agent, binary Thrift on UDP \d+ stays off: .*JAEGER_AGENT_ALLOW_UNAUTHENTICATED=true/);
    const traceId = randomHex(32);
    const socket = dgram.createSocket('udp4');
    await new Promise((r) => socket.send(encodeEmitBatch(jaegerBatch(traceId), 'binary'), server.ingestPorts.jaegerAgentBinary, '127.0.0.1', r));
    socket.close();
    await new Promise((r) => setTimeout(r, 500));
    expect(await status(traceId)).toBe(404);
  });
});
