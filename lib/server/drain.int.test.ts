import http from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { otlpRequest, otlpSpan, randomHexId } from '@/lib/test/otlp-json-request';
import { startTestServer, type TestServer } from '@/lib/test/test-server';

// SIGTERM under HTTP load, with exporters on kept-alive connections: requests in flight are
// finished and answered, new requests on open connections get 503 + Connection: close, then the
// process exits 0. Every acknowledged span is stored; no request whose spans were committed was
// reset; nothing of a refused request is stored.

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
}, 240_000);

afterAll(async () => {
  await server?.stop();
});

const SPANS = 200;
type Outcome = { traceId: string; status: number | 'error'; connection?: string };

const post = (agent: http.Agent, url: URL, body: string) =>
  new Promise<{ status: number; connection?: string }>((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: '/v1/traces', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });

test('SIGTERM under HTTP load: in-flight requests answered, new ones 503 + Connection: close, nothing acknowledged lost, nothing committed reset', async () => {
  const url = new URL(server.otlpUrl);
  const outcomes: Outcome[] = [];
  let running = true;
  const client = async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (running) {
      const traceId = randomHexId(16);
      const start = BigInt(Date.now()) * 1_000_000n;
      const body = JSON.stringify(otlpRequest('drain-svc', Array.from({ length: SPANS }, (_, i) => otlpSpan({ traceId, spanId: randomHexId(8), name: `op-${i % 3}`, startNs: start + BigInt(i) }))));
      try {
        const { status, connection } = await post(agent, url, body);
        outcomes.push({ traceId, status, connection });
      } catch {
        outcomes.push({ traceId, status: 'error' });
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    agent.destroy();
  };
  const clients = Array.from({ length: 8 }, client);
  // load first: until 40 requests were answered (a loaded machine takes its time)
  for (const deadline = Date.now() + 60_000; outcomes.length < 40 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
  const before = outcomes.length;
  const started = Date.now();
  const code = await server.terminate();
  const stopMs = Date.now() - started;
  await new Promise((r) => setTimeout(r, 300)); // clients see the closed port
  running = false;
  await Promise.all(clients);

  expect(code).toBe(0);
  expect(stopMs).toBeLessThan(30_000);
  const acked = outcomes.filter((o) => o.status === 200);
  const refused = outcomes.filter((o) => o.status === 503);
  const failed = outcomes.filter((o) => o.status === 'error');
  expect(before).toBeGreaterThan(0);
  expect(outcomes.every((o) => o.status === 200 || o.status === 503 || o.status === 'error')).toBe(true);
  expect(refused.every((o) => o.connection === 'close')).toBe(true);

  const db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
  try {
    const counts = async (list: Outcome[]) => {
      const { rows } = await db.query<{ trace_id: string; n: number }>(
        `SELECT replace(trace_id::text, '-', '') AS trace_id, count(*)::int AS n FROM spans WHERE trace_id = ANY($1::uuid[]) GROUP BY 1`,
        [list.map((o) => o.traceId)],
      );
      return new Map(rows.map((r) => [r.trace_id, r.n]));
    };
    const ackedCounts = await counts(acked);
    for (const o of acked) expect(ackedCounts.get(o.traceId), `acknowledged ${o.traceId}`).toBe(SPANS);
    // a refused or reset request stored nothing: no exporter retry will make a duplicate
    const otherCounts = await counts([...refused, ...failed]);
    expect([...otherCounts.entries()]).toEqual([]);
  } finally {
    await db.end();
  }
  console.log(`[drain] ${acked.length} acknowledged, ${refused.length} answered 503 + Connection: close, ${failed.length} refused at connect; stopped in ${stopMs} ms`);
});
