import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, inject, test } from 'vitest';

// The UI's own API (/api/ui/*) against the real server and PostgreSQL: the logfmt search is the
// same search as Jaeger's `tags` JSON, bad fields are 400s naming the field, suggestions come
// from what a service sent, and RED metrics count entry spans only.

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');
const run = randomBytes(3).toString('hex');
const api = `ui-api-${run}`;
const db = `ui-db-${run}`;

const get = async (path: string) => {
  const res = await fetch(`${baseUrl}${path}`);
  return { status: res.status, body: await res.json() };
};

type Span = { name: string; kind: number; ms: number; parent?: string; error?: boolean; attrs?: Record<string, string | number> };

const send = async (service: string, traceId: string, spans: (Span & { id: string })[]) => {
  const startNs = BigInt(Date.now() - 30_000) * 1_000_000n;
  const res = await fetch(`${otlpUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      resourceSpans: [{
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }, { key: 'host.name', value: { stringValue: 'h1' } }] },
        scopeSpans: [{
          spans: spans.map((s) => ({
            traceId, spanId: s.id, ...(s.parent && { parentSpanId: s.parent }), name: s.name, kind: s.kind,
            startTimeUnixNano: String(startNs), endTimeUnixNano: String(startNs + BigInt(s.ms * 1_000_000)),
            status: s.error ? { code: 2 } : {},
            attributes: Object.entries(s.attrs ?? {}).map(([key, v]) =>
              ({ key, value: typeof v === 'number' ? { intValue: String(v) } : { stringValue: v } })),
          })),
        }],
      }],
    }),
  });
  expect(res.status).toBe(200);
};

const traceIds = [0, 1, 2, 3].map(() => randomBytes(16).toString('hex'));

beforeAll(async () => {
  // 4 requests to `api` (server roots of 10/20/30/40 ms, the last failing), each with an internal
  // child and a client child that must NOT count as requests; and one root of `db` of kind client
  for (const [i, traceId] of traceIds.entries()) {
    await send(api, traceId, [
      { id: `a${i}00000000000001`, name: 'GET /items', kind: 2, ms: (i + 1) * 10, error: i === 3, attrs: { 'http.status_code': i === 3 ? 500 : 200 } },
      { id: `a${i}00000000000002`, name: 'render', kind: 1, ms: 1, parent: `a${i}00000000000001` },
      { id: `a${i}00000000000003`, name: 'SELECT', kind: 3, ms: 2, parent: `a${i}00000000000001`, attrs: { 'db.system': 'postgresql' } },
    ]);
  }
  await send(db, randomBytes(16).toString('hex'), [{ id: 'b000000000000001', name: 'vacuum', kind: 3, ms: 7 }]);
});

describe('GET /api/ui/search', () => {
  test('a logfmt attribute finds the same traces as the Jaeger tags JSON', async () => {
    const ui = await get(`/api/ui/search?service=${api}&tags=${encodeURIComponent('http.status_code=500')}`);
    const jaeger = await get(`/api/traces?service=${api}&tags=${encodeURIComponent('{"http.status_code":"500"}')}`);
    expect(ui.status).toBe(200);
    expect(ui.body.traces.map((t: { traceId: string }) => t.traceId)).toEqual([traceIds[3]]);
    expect(jaeger.body.data.map((t: { traceID: string }) => t.traceID)).toEqual([traceIds[3]]);
    expect(ui.body.traces[0]).toMatchObject({ rootServiceName: api, rootOperationName: 'GET /items', spanCount: 3, errorSpanCount: 1, durationUs: 40_000 });
  });

  test('min/max duration bound a span of the trace', async () => {
    const { body } = await get(`/api/ui/search?service=${api}&minDuration=15ms&maxDuration=25ms`);
    expect(body.traces.map((t: { traceId: string }) => t.traceId)).toEqual([traceIds[1]]);
  });

  test.each([
    ['tags=k%3D%22open', 'tags'],
    ['minDuration=soon', 'minDuration'],
    ['minDuration=2s&maxDuration=1s', 'maxDuration'],
  ])('%s is a 400 naming %s', async (query, param) => {
    const { status, body } = await get(`/api/ui/search?service=${api}&${query}`);
    expect(status).toBe(400);
    expect(body.error.param).toBe(param);
    expect(body.error.message).toMatch(param);
  });
});

describe('GET /api/ui/attributes', () => {
  test('lists the span keys a service sent (most frequent first) and its resource keys', async () => {
    const { body } = await get(`/api/ui/attributes?service=${api}`);
    expect(body.keys).toEqual([
      { key: 'db.system', source: 'span', count: 4 },
      { key: 'http.status_code', source: 'span', count: 4 },
      { key: 'host.name', source: 'resource', count: 0 },
      { key: 'service.name', source: 'resource', count: 0 },
    ]);
  });

  test('lists the recent values of one key by frequency, in their search string form', async () => {
    const { body } = await get(`/api/ui/attributes?service=${api}&key=http.status_code`);
    expect(body.values).toEqual([{ value: '200', count: 3 }, { value: '500', count: 1 }]);
  });

  test('needs a service', async () => {
    expect((await get('/api/ui/attributes')).status).toBe(400);
  });
});

describe('GET /api/ui/service-metrics', () => {
  test('counts entry spans (server/consumer or root) as requests, with errors and latency percentiles', async () => {
    const { status, body } = await get('/api/ui/service-metrics?window=1h');
    expect(status).toBe(200);
    expect(body.serviceNames).toEqual(expect.arrayContaining([api, db]));
    const svc = body.services.find((s: { service: string }) => s.service === api);
    // read from the rollups: nearest-rank percentiles of 10/20/30/40 ms (p50 = 20 ms, p95 = p99 = 40 ms) within 2%
    const near = (want: number) => expect.toSatisfy((got: number) => Math.abs(got - want) / want < 0.02);
    const stats = { requests: 4, errors: 1, p50Us: near(20_000), p95Us: near(40_000), p99Us: near(40_000) };
    expect(svc).toEqual({ service: api, ...stats });
    const ops = body.operations.filter((o: { service: string }) => o.service === api);
    expect(ops).toEqual([{ service: api, operation: 'GET /items', kind: 2, ...stats }]);
    // a root span of kind client is still a request of its service
    expect(body.services.find((s: { service: string }) => s.service === db)).toMatchObject({ requests: 1, p50Us: near(7000) });
    const points = body.series.filter((p: { service: string }) => p.service === api);
    expect(points.reduce((n: number, p: { requests: number }) => n + p.requests, 0)).toBe(4);
  });

  test('rejects an unknown window', async () => {
    const { status, body } = await get('/api/ui/service-metrics?window=3w');
    expect(status).toBe(400);
    expect(body.error.param).toBe('window');
  });
});
