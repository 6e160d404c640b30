import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { otlpRequest, otlpSpan, postOtlpJson } from '@/lib/test/otlp-json-request';
import { startTestServer, type TestServer } from '@/lib/test/test-server';

// Spans stamped 35, 29 and 0 days ago (the server keeps 40 days, so all three are accepted);
// `npm run retention` with the default setting (30 days) drops only the 35-day-old day, by
// dropping its partition, while ingest goes on without a single failed request. A service
// whose spans all aged out leaves the service list, and comes back when it sends again.

const ROOT = path.resolve(import.meta.dirname, '../..');
const DAY_MS = 86_400_000;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { RETENTION_DAYS: '40' } });
}, 240_000);

afterAll(async () => {
  await server?.stop();
});

const traceId = (n: number) => `7e7e${String(n).padStart(28, '0')}`;

const post = (service: string, id: string, startMs: number) =>
  postOtlpJson(server.otlpUrl, otlpRequest(service, [otlpSpan({ traceId: id, spanId: '0000000000000001', startNs: BigInt(startMs) * 1_000_000n })]));

const runRetentionCli = (env: Record<string, string>) =>
  new Promise<{ code: number | null; output: string }>((resolve) => {
    const { RETENTION_DAYS: _default, ...base } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'lib/server/retention-cli.ts'], { cwd: ROOT, env: { ...base, ...env } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });

test('npm run retention drops the day older than 30 days, and only it, while ingest continues', async () => {
  const now = Date.now();
  const ages = [35, 29, 0];
  for (const [i, age] of ages.entries()) {
    const res = await post('retention-svc', traceId(i), now - age * DAY_MS);
    expect(await res.json()).toEqual({});
    // a call to another service, for the dependency graph's hour rows
    const callee = otlpSpan({ traceId: traceId(i), spanId: '0000000000000002', parentSpanId: '0000000000000001', startNs: BigInt(now - age * DAY_MS) * 1_000_000n + 1n });
    expect((await postOtlpJson(server.otlpUrl, otlpRequest('retention-callee-svc', [callee]))).status).toBe(200);
  }
  // a service whose only span is 35 days old: after retention it is no longer listed
  expect((await post('retention-gone-svc', traceId(50), now - 35 * DAY_MS)).status).toBe(200);
  const services = async () => (await (await fetch(`${server.baseUrl}/api/services`)).json()).data as string[];
  expect(await services()).toEqual(expect.arrayContaining(['retention-svc', 'retention-gone-svc']));
  const summaryDays = async () => {
    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ trace_id: string; part: string }>(
        // on Citus the row comes from a shard of the day's partition, named <partition>_<shard id>
        `SELECT replace(trace_id::text, '-', '') AS trace_id, regexp_replace(tableoid::regclass::text, '(_p[0-9]{8})_[0-9]+$', '\\1') AS part
         FROM trace_summaries WHERE trace_id = ANY($1::uuid[])`,
        [[0, 1, 2].map(traceId)],
      );
      return Object.fromEntries(rows.map((r) => [r.trace_id, r.part]));
    } finally {
      await db.end();
    }
  };
  const oldPartition = `trace_summaries_p${new Date(now - 35 * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '')}`;
  // the rollups of each day live in that day's partition too
  const rollupDays = async () => {
    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ part: string; n: number }>(
        `SELECT regexp_replace(r.tableoid::regclass::text, '(_p[0-9]{8})_[0-9]+$', '\\1') AS part, sum(r.count)::int AS n
         FROM span_rollups r JOIN services sv ON sv.id = r.service_id WHERE sv.name = 'retention-svc' GROUP BY 1`,
      );
      return Object.fromEntries(rows.map((r) => [r.part, r.n]));
    } finally {
      await db.end();
    }
  };
  const dayOf = (age: number) => new Date(now - age * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');
  // (Citus has no rollups: lib/store/write/aggregate-rollups.ts)
  const citus = await (async () => {
    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    return (await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`).finally(() => db.end())).rowCount === 1;
  })();
  const rollupsOf = (ages: number[]) => (citus ? {} : Object.fromEntries(ages.map((age) => [`span_rollups_p${dayOf(age)}`, 1])));
  expect(await rollupDays()).toEqual(rollupsOf([35, 29, 0]));
  // the calls' hour rows (not partitioned: retention deletes the hours before its first kept day)
  const callHours = async () => {
    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ day: string; n: number }>(
        `SELECT to_char(to_timestamp(r.bucket_ns / 1e9) AT TIME ZONE 'UTC', 'YYYYMMDD') AS day, sum(r.count)::int AS n
         FROM call_rollups r JOIN services sv ON sv.id = r.parent_id WHERE sv.name = 'retention-svc' GROUP BY 1 HAVING sum(r.count) <> 0`,
      );
      return Object.fromEntries(rows.map((r) => [r.day, r.n]));
    } finally {
      await db.end();
    }
  };
  const callsOf = (ages: number[]) => (citus ? {} : Object.fromEntries(ages.map((age) => [dayOf(age), 1])));
  expect(await callHours()).toEqual(callsOf([35, 29, 0]));
  expect(await summaryDays()).toMatchObject({ [traceId(0)]: oldPartition });
  const storageBefore = await (await fetch(`${server.baseUrl}/api/storage`)).json();
  expect(storageBefore.retentionDays).toBe(40);
  const oldDay = new Date(now - 35 * DAY_MS).toISOString().slice(0, 10);
  expect(storageBefore.days.map((d: { day: string }) => d.day)).toContain(oldDay);

  // keep ingesting while retention runs
  let ingesting = true;
  const statuses: number[] = [];
  const ingest = (async () => {
    for (let n = 100; ingesting; n++) statuses.push((await post('retention-live-svc', traceId(n), Date.now())).status);
  })();
  const { code, output } = await runRetentionCli({ DATABASE_URL: server.databaseUrl });
  ingesting = false;
  await ingest;

  expect(code).toBe(0);
  expect(output).toMatch(new RegExp(`dropped spans_p${oldDay.replaceAll('-', '')}`));
  expect(output).toMatch(/dropped 1 older than 30 days/);
  expect(output).toMatch(/forgot 1 service\(s\) and 1 operation\(s\) with no span left/);
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.every((s) => s === 200)).toBe(true);

  const status = async (i: number) => (await fetch(`${server.baseUrl}/api/traces/${traceId(i)}`)).status;
  expect(await status(0)).toBe(404); // 35 days old: gone
  expect(await status(1)).toBe(200); // 29 days old: kept
  expect(await status(2)).toBe(200); // today: kept
  // the day's trace summaries went with its spans, the others stay
  const summariesAfter = await summaryDays();
  expect(Object.keys(summariesAfter).sort()).toEqual([traceId(1), traceId(2)]);
  // and so did its rollups
  expect(await rollupDays()).toEqual(rollupsOf([29, 0]));
  expect(await callHours()).toEqual(callsOf([29, 0]));
  const storageAfter = await (await fetch(`${server.baseUrl}/api/storage`)).json();
  expect(storageAfter.days.map((d: { day: string }) => d.day)).not.toContain(oldDay);
  expect(new Date(storageAfter.oldestSpanStart).getTime()).toBeGreaterThan(now - 30 * DAY_MS);

  const after = await services();
  expect(after).toContain('retention-svc');
  expect(after).toContain('retention-live-svc');
  expect(after).not.toContain('retention-gone-svc');
  // the server still had the forgotten service's ids cached: a new span of it is stored under new ones
  expect((await post('retention-gone-svc', traceId(51), Date.now())).status).toBe(200);
  expect(await services()).toContain('retention-gone-svc');
  const { data } = await (await fetch(`${server.baseUrl}/api/traces/${traceId(51)}`)).json();
  expect(data[0].processes[data[0].spans[0].processID].serviceName).toBe('retention-gone-svc');
  expect(data[0].spans[0].operationName).toBe('op');

  // a second run has nothing to drop
  const again = await runRetentionCli({ DATABASE_URL: server.databaseUrl });
  expect(again.output).toMatch(/dropped 0 older than 30 days/);
});

test('npm run retention with no server running holds DATA_DIR like the server does', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'spanscope-retention-lock-'));
  try {
    // a live process (this test) holds the folder, and no PostgreSQL runs there
    writeFileSync(path.join(dataDir, 'spanscope.pid'), String(process.pid));
    const { code, output } = await runRetentionCli({ DATA_DIR: dataDir, DATABASE_URL: '' });
    expect(code).toBe(1);
    expect(output).toContain(`another Spanscope (pid ${process.pid}) is running with DATA_DIR=${dataDir}`);
    expect(existsSync(path.join(dataDir, 'pg'))).toBe(false); // it started no PostgreSQL
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
