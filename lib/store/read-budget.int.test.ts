import pg from 'pg';
import { existsSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MS_PER_DAY } from '@/lib/model/units';
import { otlpRequest, otlpSpan, postOtlpJson, randomHexId } from '@/lib/test/otlp-json-request';
import { startTestServer, type TestServer } from '@/lib/test/test-server';
import { dayOfNs, partitionName } from './partitions';

// Readers wait or fail, ingest goes on: a read over QUERY_TIMEOUT_MS is stopped by PostgreSQL and
// answered 504 in its API family's envelope, a heavy read that cannot get its turn in time 503 +
// Retry-After, and meanwhile every ingest request is acknowledged and stored.
//
// The slow read is made deterministic by locking, from another session, a table the read needs
// and ingest does not: a past day's spans partition for service metrics; the services table for
// the dependency graph (ingest reads service ids from its cache, warmed before the lock; on
// Citus, ingest's summary upkeep touches every trace_summaries partition, so one of those will
// not do).

let server: TestServer;
let locker: pg.Client;
const TIMEOUT_MS = 2_000;
const pastNs = BigInt(Date.now() - 3 * MS_PER_DAY) * 1_000_000n;

beforeAll(async () => {
  server = await startTestServer({ env: { QUERY_TIMEOUT_MS: String(TIMEOUT_MS), QUERY_HEAVY_CONCURRENCY: '1' } });
  // a span three days ago creates that day's partitions
  const res = await postOtlpJson(server.otlpUrl, otlpRequest('budget-svc', [otlpSpan({ traceId: randomHexId(16), spanId: randomHexId(8), startNs: pastNs })]));
  expect(res.status).toBe(200);
  // today's spans of the same service and operations as the ingest below: the writer's caches hold
  // their dimension rows and today as their last day seen, so that ingest reads no dimension table
  const warm = Array.from({ length: 50 }, (_, i) => otlpSpan({ traceId: randomHexId(16), spanId: randomHexId(8), name: `op-${i}` }));
  expect((await postOtlpJson(server.otlpUrl, otlpRequest('budget-svc', warm))).status).toBe(200);
  locker = new pg.Client({ connectionString: server.databaseUrl });
  await locker.connect();
}, 240_000);

afterAll(async () => {
  await locker?.end().catch(() => {});
  await server?.stop();
});

const sevenDays = () => `/api/dependencies?endTs=${Date.now()}&lookback=${7 * MS_PER_DAY}`;

test('a read over the statement timeout gets 504 (v1 envelope), a heavy read without a turn 503 + Retry-After, and ingest goes on', async () => {
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE services IN ACCESS EXCLUSIVE MODE');
  try {
    const started = Date.now();
    // three at once with one heavy slot: the first runs into the timeout, the second waits for the
    // slot and gets it, the third cannot get a turn within the timeout
    const reads = Promise.all([0, 1, 2].map(() => fetch(`${server.baseUrl}${sevenDays()}`)));
    let settled = false;
    void reads.finally(() => (settled = true));
    // ingest while the readers are stuck: every request acknowledged
    const traceIds: string[] = [];
    const ingestStatuses: number[] = [];
    const ingestMs: number[] = [];
    while (!settled) {
      const traceId = randomHexId(16);
      traceIds.push(traceId);
      const spans = Array.from({ length: 50 }, (_, i) => otlpSpan({ traceId, spanId: randomHexId(8), name: `op-${i}` }));
      const sent = Date.now();
      ingestStatuses.push((await postOtlpJson(server.otlpUrl, otlpRequest('budget-svc', spans))).status);
      ingestMs.push(Date.now() - sent);
    }
    const answers = await reads;
    const elapsed = Date.now() - started;
    console.log(`[read-budget] reads settled in ${elapsed} ms; meanwhile ${ingestStatuses.length} ingest requests, ${ingestMs.join(', ')} ms`);
    expect(ingestStatuses.length).toBeGreaterThan(1); // ingest went on while the reads waited
    expect(new Set(ingestStatuses)).toEqual(new Set([200]));

    const byStatus = new Map(answers.map((r) => [r.status, r]));
    expect([...byStatus.keys()].sort()).toEqual([503, 504]);
    const timedOut = (await byStatus.get(504)!.json()) as { data: null; errors: { code: number; msg: string }[] };
    expect(timedOut.data).toBeNull();
    expect(timedOut.errors[0].code).toBe(504);
    expect(timedOut.errors[0].msg).toMatch(/2 s query timeout \(QUERY_TIMEOUT_MS\)/);
    expect(timedOut.errors[0].msg).not.toMatch(/canceling statement/); // PostgreSQL's own words stay in the log
    const busy = byStatus.get(503)!;
    expect(busy.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await busy.json()) as { errors: { msg: string }[] }).errors[0].msg).toMatch(/too many queries/);
    expect(elapsed).toBeLessThan(TIMEOUT_MS * 10);

    // what ingest acknowledged meanwhile is there
    const { rows } = await locker.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM trace_summaries WHERE trace_id = ANY($1::uuid[])`,
      [traceIds],
    );
    expect(rows[0].n).toBe(traceIds.length);
  } finally {
    await locker.query('ROLLBACK');
  }
  // and once the lock is gone the same read answers
  expect((await fetch(`${server.baseUrl}${sevenDays()}`)).status).toBe(200);
});

test('the UI API answers a timed-out read in its own envelope', async () => {
  const day = dayOfNs(pastNs);
  await locker.query('BEGIN');
  // the services page reads the rollups (raw spans on Citus): both of that day are locked
  await locker.query(`LOCK TABLE ${partitionName(day, 'spans')}, ${partitionName(day, 'span_rollups')} IN ACCESS EXCLUSIVE MODE`);
  try {
    const res = await fetch(`${server.baseUrl}/api/ui/service-metrics?window=7d`);
    expect([503, 504]).toContain(res.status);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/QUERY_TIMEOUT_MS/);
  } finally {
    await locker.query('ROLLBACK');
  }
});

test("the read connections' PostgreSQL processes run at a lower CPU priority than ingest's", async () => {
  expect((await fetch(`${server.baseUrl}/api/services`)).status).toBe(200);
  const { rows } = await locker.query<{ pid: number; app: string; port: number }>(
    `SELECT pid, application_name AS app, client_port AS port FROM pg_stat_activity WHERE application_name IN ('spanscope-read', 'spanscope-ingest')`,
  );
  const niceOf = (app: string) => rows.filter((r) => r.app === app).map((r) => getPriority(r.pid));
  // the test server's PostgreSQL runs on this machine (embedded, or TEST_DATABASE_URL's local cluster)
  expect(rows.every((r) => existsSync(`/proc/${r.pid}`))).toBe(true);
  expect(niceOf('spanscope-read').length).toBeGreaterThan(0);
  expect(niceOf('spanscope-ingest').length).toBeGreaterThan(0);
  expect(new Set(niceOf('spanscope-read'))).toEqual(new Set([10])); // QUERY_NICE's default
  expect(new Set(niceOf('spanscope-ingest'))).toEqual(new Set([0]));
});
