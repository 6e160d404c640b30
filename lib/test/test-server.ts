import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startEmbeddedPostgres } from '../server/embedded-postgres';

// A real Spanscope for tests: an embedded PostgreSQL in a fresh temporary folder and the built
// server (`npm run build` must have run) started as `npm start` starts it, on free ports.

const ROOT = path.resolve(import.meta.dirname, '../..');

export type TestServer = {
  baseUrl: string;
  otlpUrl: string;
  databaseUrl: string;
  /** what the server printed so far */
  output: () => string;
  stop: () => Promise<void>;
};

export type StartTestServerOptions = { env?: Record<string, string>; nodeArgs?: string[] };

/** Starts PostgreSQL and Spanscope; resolves once /api/health answers 200. */
export const startTestServer = async ({ env = {}, nodeArgs = [] }: StartTestServerOptions = {}): Promise<TestServer> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'spanscope-test-'));
  chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as the postgres user when we are root
  const database = await startEmbeddedPostgres({ dataDir, port: 0 });
  const [port, otlpPort] = [await freePort(), await freePort()];
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'lib/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      DATA_DIR: path.join(dataDir, 'app'),
      HOST: '127.0.0.1',
      PORT: String(port),
      OTLP_HTTP_PORT: String(otlpPort),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`server exited (${child.exitCode}):\n${output.join('')}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not become healthy in 90 s:\n${output.join('')}`);
    }
    const healthy = await fetch(`${baseUrl}/api/health`).then((r) => r.status === 200, () => false);
    if (healthy) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { baseUrl, otlpUrl: `http://127.0.0.1:${otlpPort}`, databaseUrl: database.url, output: () => output.join(''), stop };
};
