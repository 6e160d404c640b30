import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { EnvError, parseEnv, type TEnv } from '@/lib/env';
import { migrate } from '@/lib/store/migrate';
import { distributeOnCitus } from '@/lib/store/citus';
import { runRetention } from '@/lib/store/retention-job';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';
import { lockDataDir } from './data-dir-lock';
import { logger } from '@/lib/log';
import { closeHttp, listenHttp, startListeners, withClientAddress, type RunningListener } from './listeners';
import { existingRuntime, runtime } from './runtime';
import { samplingStore } from '@/lib/sampling/sampling-store';

// `npm start`: everything Spanscope needs, in one process. Starts the embedded PostgreSQL
// (unless DATABASE_URL names a server), applies migrations, serves the Next.js app (UI, query
// API, ingest) on PORT and every ingest listener of lib/server/listeners.ts (OTLP gRPC and HTTP,
// Jaeger HTTP and UDP, Zipkin, remote sampling), and on SIGINT/SIGTERM stops accepting,
// commits what was accepted and stops PostgreSQL.

const log = logger('spanscope');
const ROOT = path.resolve(import.meta.dirname, '../..');
const RETENTION_INTERVAL_MS = 3_600_000; // hourly: drop expired days, create the coming ones
const RETENTION_RETRY_MS = 300_000; // after a failed pass

const buildIfNeeded = () => {
  if (existsSync(path.join(ROOT, '.next', 'BUILD_ID')) && existsSync(path.join(ROOT, 'lib/store/generated/client.ts'))) return;
  log.info('no production build found: running `npm run build` first');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('`npm run build` failed');
};

export const start = async (config: TEnv) => {
  const started = Date.now();
  buildIfNeeded();
  await mkdir(config.DATA_DIR, { recursive: true });
  const unlock = lockDataDir(config.DATA_DIR);
  let database: EmbeddedDatabase | undefined;
  let retentionTimer: NodeJS.Timeout | undefined;
  let retentionRetry: NodeJS.Timeout | undefined;
  const listeners: RunningListener[] = [];

  let stopping: Promise<void> | undefined;
  const stop = (reason: string) =>
    (stopping ??= (async () => {
      log.info(`${reason}: stopping (no new requests; committing what was accepted)`);
      clearInterval(retentionTimer);
      clearTimeout(retentionRetry);
      await Promise.all(listeners.map((l) => l.close()));
      samplingStore().stop();
      await existingRuntime()?.writer.close();
      await database?.stop();
      unlock();
      log.info('stopped');
    })());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // ordered: in-flight requests first, then the database (embedded-postgres' own hooks are
    // removed as it loads, see embedded-postgres.ts)
    process.on(signal, () => {
      if (stopping) {
        log.warn(`${signal} again: exiting now; the next start recovers the database`);
        process.exit(1);
      }
      void stop(signal).then(() => process.exit(0));
    });
  }

  try {
    if (config.DATABASE_URL) {
      log.info('using the PostgreSQL server in DATABASE_URL (no embedded server started)');
    } else {
      database = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT });
      process.env.DATABASE_URL = database.url;
      config = { ...config, DATABASE_URL: database.url };
    }
    const databaseUrl = config.DATABASE_URL!;
    const applied = await migrate({ databaseUrl, log: (m) => log.info(m) });
    if (applied.length === 0) log.info('database schema is up to date');
    if (await distributeOnCitus({ databaseUrl, shardCount: config.CITUS_SHARD_COUNT, log: (m) => log.info(m) })) {
      log.info('Citus coordinator: spans and trace summaries are distributed by trace id, dimensions are reference tables');
    }
    // A failed pass is logged and retried, never a reason not to serve: the spans it could not
    // drop are still readable, and ingest has the partitions the previous passes created.
    const retention = () =>
      runRetention({ databaseUrl, retentionDays: config.RETENTION_DAYS }).catch((err: Error) =>
        log.error(`retention failed (retried in ${RETENTION_RETRY_MS / 60_000} min): ${err.message}`),
      );
    const retentionPass = async () => {
      clearTimeout(retentionRetry);
      if ((await retention()) === undefined) (retentionRetry = setTimeout(() => void retentionPass(), RETENTION_RETRY_MS)).unref();
    };
    await retentionPass();
    retentionTimer = setInterval(() => void retentionPass(), RETENTION_INTERVAL_MS);
    retentionTimer.unref();

    const { writer } = runtime(); // the ingest writer, shared with the route handlers
    samplingStore(config.SAMPLING_STRATEGIES_FILE).start(); // a malformed file stops the start
    const app = next({ dev: false, dir: ROOT, quiet: true });
    await app.prepare();
    const handle = app.getRequestHandler();

    if (config.PORT > 0) {
      const server = http.createServer((req, res) => void handle(withClientAddress(req), res));
      await listenHttp(server, config.PORT, config.HOST, 'PORT');
      listeners.push({ name: 'UI, query API and ingest', close: () => closeHttp(server) });
      log.info(`UI and query API on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`);
    }
    listeners.push(...(await startListeners(config, handle, writer))); // OTLP gRPC/HTTP, Jaeger, Zipkin, sampling
    log.info(`ready in ${Date.now() - started} ms`);
  } catch (err) {
    await stop('start failed').catch(() => {});
    throw err;
  }
};

const main = async () => {
  let config: TEnv;
  try {
    config = parseEnv();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  try {
    await start(config);
  } catch (err) {
    log.error((err as Error).message);
    process.exit(1);
  }
};

void main();
