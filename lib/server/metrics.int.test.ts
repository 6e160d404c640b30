import parsePrometheusTextFormat, { type PromFamily } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '@/lib/test/test-server';

// GET /metrics (lib/server/metrics.ts), parsed by a Prometheus text-format parser: the counters
// move with an ingest (OTLP/HTTP on its port, Zipkin on the main port), a refused request and a
// query; the gauges and the histograms are there; and with QUERY_TOKENS set, /metrics wants one
// (Prometheus sends it as a bearer token).

const TOKEN = 'scrape-token-5e1b';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { QUERY_TOKENS: TOKEN } });
}, 240_000);
afterAll(async () => server?.stop());

type Scrape = PromFamily[] & { text: string };

const scrape = async (): Promise<Scrape> => {
  const res = await fetch(`${server.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  return Object.assign(parsePrometheusTextFormat(text), { text }); // the parser throws on any line that is not valid exposition
};

// parse-prometheus-text-format 1.1.1 folds the series of a histogram with labels into one (it
// drops their labels), so a labelled histogram's _count is read from its sample line
const labelledCount = (scraped: Scrape, name: string, label: string, labelValue: string): number => {
  const line = scraped.text.split('\n').find((l) => l.startsWith(`${name}_count{${label}="${labelValue}"}`));
  return Number(line?.split(' ').pop() ?? 0);
};

/** The value of a counter or gauge sample with these labels (0 when absent). */
const value = (families: PromFamily[], name: string, labels: Record<string, string> = {}): number => {
  const family = families.find((f) => f.name === name);
  const sample = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return Number(sample?.value ?? 0);
};

/** The observation count of a histogram with these labels (0 when absent). */
const count = (families: PromFamily[], name: string, labels: Record<string, string> = {}): number => {
  const sample = families.find((f) => f.name === name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return Number(sample?.count ?? 0);
};

const randomHex = (n: number) => crypto.randomUUID().replaceAll('-', '').slice(0, n);
const now = () => BigInt(Date.now()) * 1_000_000n;

test('/metrics needs a query token when access control is on', async () => {
  const res = await fetch(`${server.baseUrl}/metrics`);
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
});

test('ingest, refusal, commit and query counters move; gauges and process metrics are exposed', async () => {
  const before = await scrape();
  expect(before.find((f) => f.name === 'spanscope_ingest_commit_duration_seconds')?.type).toBe('HISTOGRAM');
  expect(value(before, 'spanscope_retention_runs_total', { outcome: 'ok' })).toBeGreaterThanOrEqual(1); // the pass at start

  const traceId = randomHex(32);
  const spans = [1, 2, 3].map((i) => ({ traceId, spanId: randomHex(16), name: `op-${i}`, startTimeUnixNano: String(now()), endTimeUnixNano: String(now() + 1_000_000n) }));
  const body = JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'metrics-svc' } }] }, scopeSpans: [{ spans }] }] });
  expect((await fetch(`${server.otlpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(200);
  const zipkin = JSON.stringify([{ traceId: randomHex(32), id: randomHex(16), name: 'z', timestamp: Date.now() * 1000, duration: 5, localEndpoint: { serviceName: 'metrics-svc' } }]);
  expect((await fetch(`${server.baseUrl}/api/v2/spans`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: zipkin })).status).toBe(202);
  expect((await fetch(`${server.otlpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b' })).status).toBe(415);
  const read = await fetch(`${server.baseUrl}/api/traces/${traceId}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(read.status).toBe(200);
  expect((await read.json()).data[0].spans).toHaveLength(3);

  const after = await scrape();
  const delta = (name: string, labels: Record<string, string> = {}) => value(after, name, labels) - value(before, name, labels);
  expect(delta('spanscope_ingest_spans_received_total', { protocol: 'otlp_http' })).toBe(3);
  expect(delta('spanscope_ingest_spans_stored_total', { protocol: 'otlp_http' })).toBe(3);
  expect(delta('spanscope_ingest_spans_stored_total', { protocol: 'zipkin' })).toBe(1);
  expect(delta('spanscope_ingest_bytes_received_total', { protocol: 'otlp_http' })).toBe(Buffer.byteLength(body));
  expect(delta('spanscope_ingest_bytes_received_total', { protocol: 'zipkin' })).toBe(Buffer.byteLength(zipkin));
  expect(delta('spanscope_ingest_requests_refused_total', { protocol: 'otlp_http', reason: 'unsupported-media-type' })).toBe(1);
  expect(count(after, 'spanscope_ingest_commit_duration_seconds') - count(before, 'spanscope_ingest_commit_duration_seconds')).toBeGreaterThanOrEqual(1);
  const route = '/api/traces/{id}';
  expect(labelledCount(after, 'spanscope_query_duration_seconds', 'route', route) - labelledCount(before, 'spanscope_query_duration_seconds', 'route', route)).toBe(1);
  // the ids never become labels
  expect(JSON.stringify(after)).not.toContain(traceId);

  expect(value(after, 'spanscope_ingest_queue_spans')).toBe(0); // everything acknowledged was committed
  expect(after.find((f) => f.name === 'spanscope_ingest_queue_bytes')?.type).toBe('GAUGE');
  expect(value(after, 'spanscope_pg_pool_connections', { pool: 'read', state: 'open' })).toBeGreaterThanOrEqual(1);
  expect(value(after, 'spanscope_pg_pool_connections', { pool: 'ingest', state: 'open' })).toBeGreaterThanOrEqual(1);
  expect(value(after, 'process_resident_memory_bytes')).toBeGreaterThan(20 * 1024 * 1024);
});
