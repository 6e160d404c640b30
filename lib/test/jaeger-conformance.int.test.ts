import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { normalizeOtlp } from './normalize-otlp';
import { otlpRequest, otlpSpan } from './otlp-json-request';
import { startTestServer, type TestServer } from './test-server';

// Jaeger's own storage-integration suite (vendored in ./jaeger-conformance, its README §5 and §8): all 32
// fixtures ingested through POST /v1/traces, shifted to yesterday; each of the 25 queries of
// queries.json through GET /api/traces must return exactly its expected traces, complete. Plus
// README §9: services, operations, trace by id, unknown id, search without a service (api_v3),
// dependencies, and a 10,008-span trace. Runs against a server of its own so the services list
// can be checked exactly.

const FIXTURES = path.resolve(import.meta.dirname, 'jaeger-conformance/fixtures');
const DAY_NS = 86_400_000_000_000n;
const FIXTURE_DAY = Date.UTC(2017, 0, 26);

type Otlp = { resourceSpans: any[] };
type Query = {
  Caption: string;
  ExpectedFixtures: string[];
  Query: {
    ServiceName: string;
    OperationName: string;
    Tags: Record<string, string | number | boolean> | null;
    StartTimeMin: string;
    StartTimeMax: string;
    DurationMin: number;
    DurationMax: number;
    NumTraces: number;
  };
};

// README §3: one whole-day offset Δ = (today_UTC − 1 day) − 2017-01-26, for traces and queries alike
const todayUtc = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
const shiftDays = (todayUtc - 86_400_000 - FIXTURE_DAY) / 86_400_000;
const shiftNs = BigInt(shiftDays) * DAY_NS;

const shiftTrace = (doc: Otlp): Otlp =>
  JSON.parse(JSON.stringify(doc), (key, value) =>
    ['startTimeUnixNano', 'endTimeUnixNano', 'timeUnixNano'].includes(key) ? String(BigInt(value) + shiftNs) : value,
  );

const shiftedUs = (rfc3339: string) => (Date.parse(rfc3339) + shiftDays * 86_400_000) * 1000 + Number(rfc3339.match(/\.\d{3}(\d{3})/)?.[1] ?? 0);

const traceIdOf = (doc: Otlp): string => doc.resourceSpans[0].scopeSpans[0].spans[0].traceId;
const spanCountOf = (doc: Otlp) =>
  doc.resourceSpans.reduce((n, rs) => n + rs.scopeSpans.reduce((m: number, ss: any) => m + ss.spans.length, 0), 0);
const pad = (id: string) => id.toLowerCase().padStart(32, '0');

const fixtures = new Map<string, Otlp>(
  readdirSync(path.join(FIXTURES, 'traces')).map((file) => [
    file.replace(/\.json$/, ''),
    shiftTrace(JSON.parse(readFileSync(path.join(FIXTURES, 'traces', file), 'utf8'))),
  ]),
);
const queries: Query[] = JSON.parse(readFileSync(path.join(FIXTURES, 'queries.json'), 'utf8'));

let server: TestServer;

const post = async (doc: unknown) => {
  const res = await fetch(`${server.otlpUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(doc),
  });
  return { status: res.status, body: await res.json() };
};
const get = async (pathAndQuery: string) => {
  const res = await fetch(`${server.baseUrl}${pathAndQuery}`);
  return { status: res.status, body: await res.json() };
};

beforeAll(async () => {
  server = await startTestServer();
  for (const [name, doc] of fixtures) {
    const { status, body } = await post(doc);
    expect(status, name).toBe(200);
    expect(body, name).toEqual({}); // no partial success: every span accepted
  }
}, 240_000);

afterAll(async () => {
  await server?.stop();
});

test('the fixtures are what the README describes: 32 traces, 38 spans, 25 queries', () => {
  expect(fixtures.size).toBe(32);
  expect([...fixtures.values()].reduce((n, d) => n + spanCountOf(d), 0)).toBe(38);
  expect(queries).toHaveLength(25);
});

describe('queries.json through GET /api/traces', () => {
  test.each(queries.map((q) => [q.Caption, q] as const))('%s', async (_caption, { Query: q, ExpectedFixtures }) => {
    const params = new URLSearchParams({
      service: q.ServiceName,
      start: String(shiftedUs(q.StartTimeMin)),
      end: String(shiftedUs(q.StartTimeMax)),
      limit: String(q.NumTraces),
    });
    if (q.OperationName) params.set('operation', q.OperationName);
    // jaeger-ui and Grafana send every tag value as a string
    if (q.Tags) params.set('tags', JSON.stringify(Object.fromEntries(Object.entries(q.Tags).map(([k, v]) => [k, String(v)]))));
    if (q.DurationMin) params.set('minDuration', `${q.DurationMin}ns`);
    if (q.DurationMax) params.set('maxDuration', `${q.DurationMax}ns`);
    const { status, body } = await get(`/api/traces?${params}`);
    expect(status).toBe(200);
    const returned = (body.data as { traceID: string; spans: unknown[] }[]).map((t) => ({ id: pad(t.traceID), spans: t.spans.length }));
    const expected = ExpectedFixtures.map((name) => ({ id: pad(traceIdOf(fixtures.get(name)!)), spans: spanCountOf(fixtures.get(name)!) }));
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(returned.sort(byId)).toEqual(expected.sort(byId));
  });
});

describe('every fixture reads back field for field through GET /api/v3/traces/{id}', () => {
  test.each([...fixtures.keys()])('%s', async (name) => {
    const doc = fixtures.get(name)!;
    const { status, body } = await get(`/api/v3/traces/${traceIdOf(doc)}`);
    expect(status).toBe(200);
    // stricter than Jaeger's comparator, which sorts attributes: they come back in the fixture's order
    expect(normalizeOtlp(body.result, { keepAttributeOrder: true })).toEqual(normalizeOtlp(doc, { keepAttributeOrder: true }));
  });
});

describe('README §9', () => {
  test('services: the 28 fixture services, exactly', async () => {
    const expected = ['example-service-1', 'example-service-2', 'example-service-3'];
    for (let i = 1; i <= 25; i++) expected.push(`query${String(i).padStart(2, '0')}-service`);
    const v1 = await get('/api/services');
    expect(v1.body.data).toEqual(expected.sort());
    expect(v1.body.total).toBe(28);
    const v3 = await get('/api/v3/services');
    expect(v3.body.services).toEqual(expected.sort());
  });

  test('operations of example-service-1 with their kinds', async () => {
    const { body } = await get('/api/operations?service=example-service-1');
    const ops = (body.data as { name: string; spanKind: string }[]).sort((a, b) => a.name.localeCompare(b.name));
    expect(ops).toEqual([
      { name: 'example-operation-1', spanKind: '' },
      { name: 'example-operation-3', spanKind: 'server' },
      { name: 'example-operation-4', spanKind: 'client' },
    ]);
    const server = await get('/api/operations?service=example-service-1&spanKind=server');
    expect(server.body.data).toEqual([{ name: 'example-operation-3', spanKind: 'server' }]);
    const names = await get('/api/services/example-service-1/operations');
    expect([...names.body.data].sort()).toEqual(['example-operation-1', 'example-operation-3', 'example-operation-4']);
  });

  test('the example trace by id comes back with all 5 spans, whatever form the id takes', async () => {
    for (const id of ['11', '0000000000000011', '00000000000000000000000000000011']) {
      const { status, body } = await get(`/api/traces/${id}`);
      expect(status).toBe(200);
      expect(body.data[0].traceID).toBe('0000000000000011');
      expect(body.data[0].spans).toHaveLength(5);
    }
  });

  test('an unknown id is not found, without an error', async () => {
    const v1 = await get('/api/traces/00000000000000000000000000abcdef');
    expect(v1.status).toBe(404);
    expect(v1.body.errors[0].msg).toBe('trace not found');
    const lookup = await get('/api/traces?traceID=abcdef&traceID=11');
    expect(lookup.status).toBe(200);
    expect(lookup.body.data.map((t: { traceID: string }) => t.traceID)).toEqual(['0000000000000011']);
    expect(lookup.body.errors).toEqual([{ msg: 'trace not found', traceID: '0000000000abcdef' }]);
    const v3 = await get('/api/v3/traces/abcdef');
    expect(v3.status).toBe(404);
  });

  test('search without a service name through api_v3 finds both cross-service traces', async () => {
    const span = (service: string, traceId: string) =>
      otlpRequest(service, [
        otlpSpan({ traceId, spanId: '00000000000000a1', name: 'cross-op', attributes: [{ key: 'rfc0013.cross.service', value: { stringValue: 'yes' } }] }),
      ]).resourceSpans[0];
    const a = 'a0000000000000000000000000000013';
    const b = 'b0000000000000000000000000000013';
    expect((await post({ resourceSpans: [span('cross-service-a', a), span('cross-service-b', b)] })).status).toBe(200);
    const params = new URLSearchParams({
      'query.startTimeMin': new Date(Date.now() - 60_000).toISOString(),
      'query.startTimeMax': new Date(Date.now() + 60_000).toISOString(),
      'query.attributes': JSON.stringify({ 'rfc0013.cross.service': 'yes' }),
    });
    const traces = await get(`/api/v3/traces?${params}`);
    expect(traces.status).toBe(200);
    const ids = traces.body.result.resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans.map((s: any) => s.traceId)));
    expect(ids.sort()).toEqual([a, b]);
    const summaries = await get(`/api/v3/trace-summaries?${params}`);
    expect(summaries.body.summaries.map((s: { traceId: string; rootServiceName: string }) => [s.traceId, s.rootServiceName]).sort()).toEqual([
      [a, 'cross-service-a'],
      [b, 'cross-service-b'],
    ]);
  });

  test('dependencies: hello → world once, world → hello three times', async () => {
    const now = BigInt(Date.now()) * 1_000_000n;
    const resourceSpans: unknown[] = [];
    const call = (traceNo: number, parent: string, child: string) => {
      const traceId = `de${String(traceNo).padStart(30, '0')}`;
      const mk = (service: string, spanId: string, parentSpanId?: string) =>
        otlpRequest(service, [otlpSpan({ traceId, spanId, parentSpanId, name: 'call', startNs: now })]).resourceSpans[0];
      resourceSpans.push(mk(parent, '0000000000000001'), mk(child, '0000000000000002', '0000000000000001'));
    };
    call(1, 'hello', 'world');
    for (const n of [2, 3, 4]) call(n, 'world', 'hello');
    expect((await post({ resourceSpans })).status).toBe(200);
    const endTs = Date.now() + 5 * 60_000;
    const { body } = await get(`/api/dependencies?endTs=${endTs}&lookback=${10 * 60_000}`);
    expect(body.data).toEqual([
      { parent: 'hello', child: 'world', callCount: 1 },
      { parent: 'world', child: 'hello', callCount: 3 },
    ]);
  });

  test('a 10,008-span trace reads back whole', async () => {
    const example = fixtures.get('example_trace')!;
    const template = example.resourceSpans[0].scopeSpans[0].spans[0];
    const traceId = '1a000000000000000000000000000011';
    const base = BigInt(Date.now() - 3 * 3_600_000) * 1_000_000n;
    const spans = Array.from({ length: 10_008 }, (_, i) => ({
      ...template,
      traceId,
      spanId: (i + 1).toString(16).padStart(16, '0'),
      startTimeUnixNano: String(base + BigInt(i + 1) * 1_000_000_000n),
      endTimeUnixNano: String(base + BigInt(i + 1) * 1_000_000_000n + 100_000n),
    }));
    const { status, body } = await post({ resourceSpans: [{ ...example.resourceSpans[0], scopeSpans: [{ scope: {}, spans }] }] });
    expect(status).toBe(200);
    expect(body).toEqual({});
    const trace = await get(`/api/traces/${traceId}`);
    expect(trace.body.data[0].spans).toHaveLength(10_008);
    expect(new Set(trace.body.data[0].spans.map((s: { spanID: string }) => s.spanID)).size).toBe(10_008);
  });
});
