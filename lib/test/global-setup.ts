import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import 'vitest';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../server/embedded-postgres';
import { migrate } from '../store/migrate';

// Integration tests run against the real thing: an embedded PostgreSQL in a fresh temporary
// DATA_DIR and the built Spanscope server (`npm run build` must have run), started exactly as
// `npm start` starts it. Tests read `baseUrl`, `otlpUrl` and `databaseUrl` with inject().

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    otlpUrl: string;
    databaseUrl: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');

let server: ChildProcess | undefined;
let database: EmbeddedDatabase | undefined;
let dataDir: string | undefined;

const waitForHealth = async (url: string, child: ChildProcess, output: string[]) => {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output.join('')}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy in 90 s:\n${output.join('')}`);
};

export async function setup(project: TestProject) {
  dataDir = mkdtempSync(path.join(tmpdir(), 'spanscope-test-'));
  chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as the postgres user when we are root
  database = await startEmbeddedPostgres({ dataDir, port: 0 });
  await migrate({ databaseUrl: database.url });
  const [port, otlpPort] = [await freePort(), await freePort()];
  const output: string[] = [];
  server = spawn(process.execPath, ['--import', 'tsx', 'lib/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      DATA_DIR: path.join(dataDir, 'app'),
      HOST: '127.0.0.1',
      PORT: String(port),
      OTLP_HTTP_PORT: String(otlpPort),
      INGEST_MAX_BODY_BYTES: String(4 * 1024 * 1024),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d) => output.push(String(d)));
  server.stderr!.on('data', (d) => output.push(String(d)));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, server, output);
  project.provide('baseUrl', baseUrl);
  project.provide('otlpUrl', `http://127.0.0.1:${otlpPort}`);
  project.provide('databaseUrl', database.url);
}

export async function teardown() {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  await database?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
