import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { otlpRequest, otlpSpan, postOtlpJson } from '../test/otlp-json-request';
import { startTestServer, type TestServer } from '../test/test-server';

// Spans stamped 35, 29 and 0 days ago (the server keeps 40 days, so all three are accepted);
// `npm run retention` with the default setting (30 days) drops only the 35-day-old day, by
// dropping its partition, while ingest goes on without a single failed request.

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
  }
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
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.every((s) => s === 200)).toBe(true);

  const status = async (i: number) => (await fetch(`${server.baseUrl}/api/traces/${traceId(i)}`)).status;
  expect(await status(0)).toBe(404); // 35 days old: gone
  expect(await status(1)).toBe(200); // 29 days old: kept
  expect(await status(2)).toBe(200); // today: kept
  const storageAfter = await (await fetch(`${server.baseUrl}/api/storage`)).json();
  expect(storageAfter.days.map((d: { day: string }) => d.day)).not.toContain(oldDay);
  expect(new Date(storageAfter.oldestSpanStart).getTime()).toBeGreaterThan(now - 30 * DAY_MS);

  // a second run has nothing to drop
  const again = await runRetentionCli({ DATABASE_URL: server.databaseUrl });
  expect(again.output).toMatch(/dropped 0 older than 30 days/);
});
