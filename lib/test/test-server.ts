import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startEmbeddedPostgres } from '@/lib/server/embedded-postgres';
import { createTargetDatabase, targetDatabaseUrl } from './target-database';

// A real Spanscope for tests: an embedded PostgreSQL in a fresh temporary folder (or, with
// TEST_DATABASE_URL, a fresh database on that server: see target-database.ts) and the built
// server (`npm run build` must have run) started as `npm start` starts it, on free ports.

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The node arguments of `npm start` (package.json's start script without its leading `node`), so
 * tests run the server exactly as users do, V8 flags included.
 */
export const START_ARGS: string[] = (() => {
  const start = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const [command, ...args] = start.split(' ');
  if (command !== 'node' || args.some((arg) => arg === '' || /["'$\\=]/.test(arg.replace(/^--[\w-]+=/, '')))) {
    throw new Error(`package.json's start script is not a plain "node <args>" line the tests can run: ${start}`);
  }
  return args;
})();

/** The ports of the ingest listeners (lib/server/listeners.ts) a test server got. */
export type IngestPorts = {
  otlpGrpc: number;
  jaegerHttp: number;
  jaegerAgentCompact: number;
  jaegerAgentBinary: number;
  zipkin: number;
  sampling: number;
  /** the Tempo query API (TEMPO_HTTP_PORT) */
  tempo: number;
};

export type TestServer = {
  baseUrl: string;
  otlpUrl: string;
  ingestPorts: IngestPorts;
  databaseUrl: string;
  /** the embedded PostgreSQL's superuser, for what the application role may not do (CHECKPOINT) */
  adminUrl: string;
  /** the server process (`npm start`'s node), e.g. to sample its memory */
  pid: number;
  /** what the server printed so far */
  output: () => string;
  /** sends the server process SIGTERM and resolves with its exit code (PostgreSQL stays up for checks; stop() still cleans up) */
  terminate: () => Promise<number | null>;
  stop: () => Promise<void>;
};

export type StartTestServerOptions = {
  env?: Record<string, string>;
  nodeArgs?: string[];
  /** the database of another test server to share (left running when this one stops) */
  databaseUrl?: string;
};

/** A UDP port nothing is bound to right now. */
export const freeUdpPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = dgram.createSocket('udp4');
    probe.once('error', reject);
    probe.bind(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/** Every ingest listener on a free port, so test servers never bind the well-known defaults. */
export const freeIngestPorts = async (): Promise<IngestPorts> => ({
  otlpGrpc: await freePort(),
  jaegerHttp: await freePort(),
  jaegerAgentCompact: await freeUdpPort(),
  jaegerAgentBinary: await freeUdpPort(),
  zipkin: await freePort(),
  sampling: await freePort(),
  tempo: await freePort(),
});

/** The environment that puts a server's ingest listeners on `ports`. */
export const ingestPortsEnv = (ports: IngestPorts): Record<string, string> => ({
  OTLP_GRPC_PORT: String(ports.otlpGrpc),
  JAEGER_HTTP_PORT: String(ports.jaegerHttp),
  JAEGER_AGENT_COMPACT_PORT: String(ports.jaegerAgentCompact),
  JAEGER_AGENT_BINARY_PORT: String(ports.jaegerAgentBinary),
  ZIPKIN_PORT: String(ports.zipkin),
  JAEGER_SAMPLING_PORT: String(ports.sampling),
  TEMPO_HTTP_PORT: String(ports.tempo),
});

/** The environment that turns the extra ingest listeners off (tests of the launcher itself). */
export const NO_EXTRA_LISTENERS: Record<string, string> = {
  OTLP_GRPC_PORT: '0',
  JAEGER_HTTP_PORT: '0',
  JAEGER_AGENT_COMPACT_PORT: '0',
  JAEGER_AGENT_BINARY_PORT: '0',
  ZIPKIN_PORT: '0',
  JAEGER_SAMPLING_PORT: '0',
  TEMPO_HTTP_PORT: '0',
};

// Servers still running, stopped if this process is interrupted (Ctrl-C on a test run or a
// benchmark), so no PostgreSQL is left behind under /tmp.
const running = new Set<() => Promise<void>>();
const stopAllOn = (signal: NodeJS.Signals, code: number) =>
  process.once(signal, () => {
    void Promise.allSettled([...running].map((stop) => stop())).then(() => process.exit(code));
  });
let interruptHandled = false;

/** Starts PostgreSQL and Spanscope; resolves once /api/health answers 200. */
export const startTestServer = async ({ env = {}, nodeArgs = [], databaseUrl }: StartTestServerOptions = {}): Promise<TestServer> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'spanscope-test-'));
  chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as the postgres user when we are root
  const target = targetDatabaseUrl();
  const database = databaseUrl
    ? { url: databaseUrl, adminUrl: databaseUrl, stop: async () => {} } // a shared database: its URL is all we know
    : target
      ? await createTargetDatabase(target)
      : await startEmbeddedPostgres({ dataDir, port: 0 });
  const [port, otlpPort] = [await freePort(), await freePort()];
  const ingestPorts = await freeIngestPorts();
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...START_ARGS], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      DATA_DIR: path.join(dataDir, 'app'),
      HOST: '127.0.0.1',
      PORT: String(port),
      OTLP_HTTP_PORT: String(otlpPort),
      ...ingestPortsEnv(ingestPorts),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  if (!interruptHandled) {
    interruptHandled = true;
    stopAllOn('SIGINT', 130);
    stopAllOn('SIGTERM', 143);
  }
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      running.delete(stop);
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await database.stop();
      rmSync(dataDir, { recursive: true, force: true });
    })());
  running.add(stop);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000; // generous: CI runs several servers side by side on 2 cores
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`server exited (${child.exitCode}):\n${output.join('')}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not become healthy in 180 s:\n${output.join('')}`);
    }
    const healthy = await fetch(`${baseUrl}/api/health`).then((r) => r.status === 200, () => false);
    if (healthy) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { baseUrl, otlpUrl: `http://127.0.0.1:${otlpPort}`, ingestPorts, databaseUrl: database.url, adminUrl: database.adminUrl, pid: child.pid!, output: () => output.join(''), stop,
    terminate: () =>
      new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
};
