import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { partitionName } from '@/lib/store/partitions';
import { startTestServer, type TestServer } from '@/lib/test/test-server';

// A store that reaches the database but cannot read traces is not healthy: /api/health answers
// 503 with the reason (plain PostgreSQL and Citus alike). And a retention pass that fails is
// logged and retried, never a reason not to start.

let server: TestServer;
let db: pg.Client;

beforeAll(async () => {
  server = await startTestServer({ env: { LOG_LEVEL: 'info' } });
  db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
}, 240_000);

afterAll(async () => {
  await db?.end();
  await server?.stop();
});

const health = async () => {
  const res = await fetch(`${server.baseUrl}/api/health`);
  return { status: res.status, body: (await res.json()) as { status: string; reason?: string } };
};

test('health answers 503 with the reason while trace reads fail, and 200 once they work again', async () => {
  expect((await health()).status).toBe(200);
  await db.query('ALTER FUNCTION spans_of_traces(uuid[]) RENAME TO spans_of_traces_away');
  try {
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('unavailable');
    expect(down.body.reason).toMatch(/^database: .*spans_of_traces/);
  } finally {
    await db.query('ALTER FUNCTION spans_of_traces_away(uuid[]) RENAME TO spans_of_traces');
  }
  expect((await health()).status).toBe(200);
});

test('a retention pass that fails does not stop the server from starting; it is logged', async () => {
  // a day 60 days old that retention must drop, and a view that keeps its table from being dropped
  const day = Math.floor(Date.now() / 86_400_000) - 60;
  const old = partitionName(day);
  await db.query(`CREATE TABLE ${partitionName(day, 'trace_summaries')} PARTITION OF trace_summaries FOR VALUES FROM (${day}) TO (${day + 1})`);
  await db.query(`CREATE TABLE ${old} PARTITION OF spans FOR VALUES FROM (${BigInt(day) * 86_400_000_000_000n}) TO (${BigInt(day + 1) * 86_400_000_000_000n})`);
  await db.query(`CREATE VIEW retention_blocker AS SELECT trace_id FROM ${old}`);
  let second: TestServer | undefined;
  try {
    // another Spanscope on the same database starts, and its first retention pass fails
    second = await startTestServer({ databaseUrl: server.databaseUrl, env: { LOG_LEVEL: 'info', RETENTION_DAYS: '30' } });
    expect(second.output()).toMatch(new RegExp(`retention failed \\(retried in 5 min\\): .*${old}`));
    expect((await fetch(`${second.baseUrl}/api/health`)).status).toBe(200);
  } finally {
    await second?.stop();
    await db.query('DROP VIEW retention_blocker');
  }
}, 240_000);
