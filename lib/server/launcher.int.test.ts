import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { otlpRequest, otlpSpan, postOtlpJson } from '@/lib/test/otlp-json-request';
import { NO_EXTRA_LISTENERS, START_ARGS } from '@/lib/test/test-server';
import { freePort, startEmbeddedPostgres } from './embedded-postgres';

// `npm start` as a user meets it: configuration errors that name the variable, a busy port
// that names the variable to change, a clean stop on SIGTERM, and a start that recovers from
// the PostgreSQL a killed run left behind.

const ROOT = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const tempDataDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'spanscope-launcher-'));
  chmodSync(dir, 0o755);
  dirs.push(dir);
  return dir;
};

type Launched = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

const launch = (env: Record<string, string>): Launched => {
  const { DATABASE_URL: _omit, ...base } = process.env;
  const chunks: string[] = [];
  const child = spawn(process.execPath, START_ARGS, {
    cwd: ROOT,
    env: { ...base, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...NO_EXTRA_LISTENERS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => chunks.push(String(d)));
  child.stderr!.on('data', (d) => chunks.push(String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => chunks.join(''), exited };
};

const waitHealthy = async (port: number, launched: Launched) => {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (launched.child.exitCode !== null) throw new Error(`exited early:\n${launched.output()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`not healthy in 60 s:\n${launched.output()}`);
};

const postmasterPid = (dataDir: string) => Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const sendSpan = (otlpPort: number, service: string) =>
  postOtlpJson(`http://127.0.0.1:${otlpPort}`, otlpRequest(service, [otlpSpan({ traceId: '7'.repeat(32), spanId: '7'.repeat(16) })]));

describe('npm start', () => {
  test('a bad variable stops the start with a message naming it and what it accepts', async () => {
    const launched = launch({ PORT: 'eighty', RETENTION_DAYS: '0', DATA_DIR: tempDataDir() });
    expect(await launched.exited).toBe(2);
    expect(launched.output()).toMatch(/PORT: must be a TCP port from 1 to 65535, or 0 to disable; got "eighty"/);
    expect(launched.output()).toMatch(/RETENTION_DAYS: must be a whole number ≥ 1/);
  });

  test('a busy port stops the start, naming the variable to change, and leaves no PostgreSQL behind', async () => {
    const busy = net.createServer();
    const busyPort = await new Promise<number>((resolve) => busy.listen(0, '127.0.0.1', () => resolve((busy.address() as net.AddressInfo).port)));
    const dataDir = tempDataDir();
    const launched = launch({ DATA_DIR: dataDir, PORT: String(await freePort()), OTLP_HTTP_PORT: String(busyPort) });
    expect(await launched.exited).toBe(1);
    busy.close();
    expect(launched.output()).toMatch(new RegExp(`port ${busyPort} on 127.0.0.1 is already in use: set OTLP_HTTP_PORT to a free port, or 0 to disable`));
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  });

  test('stops cleanly on SIGTERM, and recovers from a PostgreSQL left by a killed run', async () => {
    const dataDir = tempDataDir();
    const [port, otlpPort] = [await freePort(), await freePort()];
    const env = { DATA_DIR: dataDir, PORT: String(port), OTLP_HTTP_PORT: String(otlpPort) };

    // 1. first start on an empty DATA_DIR, a span in, SIGTERM: exit 0 and PostgreSQL gone
    const first = launch(env);
    await waitHealthy(port, first);
    expect((await sendSpan(otlpPort, 'launcher-svc')).status).toBe(200);
    const pid1 = postmasterPid(dataDir);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(alive(pid1)).toBe(false);
    expect(first.output()).toMatch(/PostgreSQL stopped/);

    // 2. a second start finds the data; SIGKILL leaves its PostgreSQL running
    const second = launch(env);
    await waitHealthy(port, second);
    const pid2 = postmasterPid(dataDir);
    second.child.kill('SIGKILL');
    await second.exited;
    expect(alive(pid2)).toBe(true);

    // 3. the next start stops the leftover, starts afresh, and still has the span
    const third = launch(env);
    await waitHealthy(port, third);
    expect(third.output()).toMatch(new RegExp(`a PostgreSQL \\(pid ${pid2}\\) left by an earlier run`));
    expect(alive(pid2)).toBe(false);
    const services = await (await fetch(`http://127.0.0.1:${port}/api/services`)).json();
    expect(services.data).toEqual(['launcher-svc']);

    // 4. a second Spanscope on the same DATA_DIR is refused while the first runs
    const rival = launch({ ...env, PORT: String(await freePort()), OTLP_HTTP_PORT: '0' });
    expect(await rival.exited).toBe(1);
    expect(rival.output()).toMatch(/another Spanscope \(pid \d+\) is running with DATA_DIR/);

    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 240_000);

  test('health answers 503 while the database is unreachable, and 200 again once it is back', async () => {
    const dataDir = tempDataDir();
    const database = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    const port = await freePort();
    const launched = launch({ DATA_DIR: path.join(dataDir, 'app'), DATABASE_URL: database.url, PORT: String(port), OTLP_HTTP_PORT: '0' });
    try {
      await waitHealthy(port, launched);
      await database.stop();
      const down = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(down.status).toBe(503);
      expect((await down.json()).reason).toMatch(/database/);
      const restarted = await startEmbeddedPostgres({ dataDir, port: Number(new URL(database.url).port) });
      await waitHealthy(port, launched);
      await restarted.stop();
    } finally {
      launched.child.kill('SIGTERM');
      await launched.exited;
    }
  }, 240_000);

  test('SIGTERM while requests are in flight: every acknowledged span is there after a restart', async () => {
    const dataDir = tempDataDir();
    const [port, otlpPort] = [await freePort(), await freePort()];
    const env = { DATA_DIR: dataDir, PORT: String(port), OTLP_HTTP_PORT: String(otlpPort) };
    const first = launch(env);
    await waitHealthy(port, first);
    const ids = Array.from({ length: 30 }, (_, i) => `5e${String(i).padStart(30, '0')}`);
    const now = BigInt(Date.now()) * 1_000_000n;
    const requests = ids.map((traceId) =>
      postOtlpJson(
        `http://127.0.0.1:${otlpPort}`,
        otlpRequest(
          'shutdown-svc',
          Array.from({ length: 300 }, (_, i) => otlpSpan({ traceId, spanId: (i + 1).toString(16).padStart(16, '0'), startNs: now + BigInt(i) })),
        ),
      ).then((r) => r.status, () => 0),
    );
    await new Promise((r) => setTimeout(r, 30));
    first.child.kill('SIGTERM');
    const statuses = await Promise.all(requests);
    expect(await first.exited).toBe(0);
    const second = launch(env);
    await waitHealthy(port, second);
    for (const [i, id] of ids.entries()) {
      const res = await fetch(`http://127.0.0.1:${port}/api/traces/${id}`);
      if (statuses[i] === 200) expect((await res.json()).data[0].spans).toHaveLength(300);
      else expect(res.status).toBe(404); // refused or cut off before the answer: nothing half-written
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 240_000);
});
