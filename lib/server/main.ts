import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import next from 'next';
import { EnvError, parseEnv, type TEnv } from '@/lib/env';
import { migrate } from '@/lib/store/migrate';
import { distributeOnCitus } from '@/lib/store/citus';
import { runRetention } from '@/lib/store/retention-job';
import { runRollupCompaction } from '@/lib/store/compact-rollups-job';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';
import { checkDataDir } from './check-data-dir';
import { crashPoint } from './crash-point';
import { lockDataDir } from './data-dir-lock';
import { logger } from '@/lib/log';
import { closeHttp, createDrainableServer, listenHttp, startListeners, withClientAddress, type RunningListener } from './listeners';
import { existingRuntime, markDown, markUp, runtime } from './runtime';
import { compressApiAnswers } from './compress-http';
import { samplingStore } from '@/lib/sampling/sampling-store';
import { createReadAccess } from './guard-read-access';
import { isLoopbackHost } from './match-address';
import { readAuthUsers } from './read-auth-users';
import { metrics, serveMetrics, timeQuery } from './metrics';

// `npm start`: everything Spanscope needs, in one process. Starts the embedded PostgreSQL
// (unless DATABASE_URL names a server), applies migrations, serves the Next.js app (UI, query
// API, ingest) on PORT and every ingest listener of lib/server/listeners.ts (OTLP gRPC and HTTP,
// Jaeger HTTP and UDP, Zipkin, remote sampling), and on SIGINT/SIGTERM stops accepting,
// commits what was accepted and stops PostgreSQL.
//
// Supervision: if the embedded PostgreSQL dies, it is started again with backoff (health names it
// as down meanwhile); if it cannot come back, the process exits 1 so systemd or Kubernetes act.
// Stopping is bounded (STOP_DEADLINE_MS), and a server started by `npm start` also stops when npm,
// its parent, goes away (npm does not reliably pass SIGTERM on and wait).

const log = logger('spanscope');
const ROOT = path.resolve(import.meta.dirname, '../..');
const RETENTION_INTERVAL_MS = 3_600_000; // hourly: drop expired days, create the coming ones
// the listeners' 15 s grace for requests in flight, the writer's last commits, PostgreSQL's stop
const STOP_DEADLINE_MS = 30_000;
// restarts of a PostgreSQL that died: 1, 2, 4, 8, 16 s apart, then give up
const RESTART_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000];
const RETENTION_RETRY_MS = 300_000; // after a failed pass
// the rollups' compaction (lib/store/compact-rollups.ts): under load a key gains a partial row per batch, so often
const ROLLUP_COMPACTION_INTERVAL_MS = 30_000;

const buildIfNeeded = () => {
  if (existsSync(path.join(ROOT, '.next', 'BUILD_ID')) && existsSync(path.join(ROOT, 'lib/store/generated/client.ts'))) return;
  log.info('no production build found: running `npm run build` first (3-5 minutes on 2 cores; nothing listens until it is done)');
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('`npm run build` failed');
  log.info(`build done in ${Math.round((Date.now() - started) / 1000)} s`);
};

export const start = async (config: TEnv) => {
  const started = Date.now();
  checkDataDir(config.DATA_DIR);
  // a bad users file stops the start before anything else, naming the file and line
  const access = createReadAccess(config, config.AUTH_USERS_FILE === undefined ? undefined : readAuthUsers(config.AUTH_USERS_FILE));
  if (!access.on && !isLoopbackHost(config.HOST)) {
    log.warn(
      `READ ACCESS CONTROL IS OFF and the UI listens on ${config.HOST}: anyone who reaches port ${config.PORT} (and the Tempo port ${config.TEMPO_HTTP_PORT}) reads every trace. ` +
        'Set QUERY_TOKENS, AUTH_USERS_FILE or AUTH_PROXY_HEADER (README, "Access control"), or HOST=127.0.0.1',
    );
  }
  buildIfNeeded();
  const unlock = lockDataDir(config.DATA_DIR);
  let database: EmbeddedDatabase | undefined;
  let retentionTimer: NodeJS.Timeout | undefined;
  let retentionRetry: NodeJS.Timeout | undefined;
  let compactionTimer: NodeJS.Timeout | undefined;
  const listeners: RunningListener[] = [];

  let stopping: Promise<void> | undefined;
  const stop = (reason: string) =>
    (stopping ??= (async () => {
      log.info(`${reason}: stopping (no new requests; committing what was accepted)`);
      setTimeout(() => {
        log.error(`not stopped within ${STOP_DEADLINE_MS / 1000} s: exiting now; the next start recovers the database`);
        process.exit(1);
      }, STOP_DEADLINE_MS).unref();
      clearInterval(retentionTimer);
      clearTimeout(retentionRetry);
      clearTimeout(compactionTimer);
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
  if (process.env.npm_lifecycle_event) {
    // started by `npm start`: when npm exits (it was sent SIGTERM and did not wait), stop too
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent && !stopping) void stop('npm, which started this server, has exited').then(() => process.exit(0));
    }, 500).unref();
  }

  // the embedded PostgreSQL died: start it again on the same port and folder, with backoff
  const supervise = (db: EmbeddedDatabase, port: number) =>
    void db.died.then(async (how) => {
      if (stopping) return;
      const part = 'embedded PostgreSQL';
      markDown(part, `exited (${how}); restarting`);
      log.error(`the embedded PostgreSQL exited unexpectedly (${how}); restarting it`);
      for (const [attempt, delay] of RESTART_DELAYS_MS.entries()) {
        await new Promise((r) => setTimeout(r, delay));
        if (stopping) return;
        try {
          database = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port });
          markUp(part);
          log.info(`the embedded PostgreSQL is back (attempt ${attempt + 1})`);
          supervise(database, port);
          return;
        } catch (err) {
          markDown(part, `restart ${attempt + 1} of ${RESTART_DELAYS_MS.length} failed`);
          log.error(`restart ${attempt + 1} of ${RESTART_DELAYS_MS.length} of the embedded PostgreSQL failed: ${(err as Error).message.split('\n')[0]}`);
        }
      }
      database = undefined;
      log.error('the embedded PostgreSQL cannot be started again: exiting 1 so the service manager can act');
      void stop('embedded PostgreSQL lost').finally(() => process.exit(1));
    });

  try {
    if (config.DATABASE_URL) {
      log.info('using the PostgreSQL server in DATABASE_URL (no embedded server started)');
    } else {
      database = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT });
      process.env.DATABASE_URL = database.url;
      config = { ...config, DATABASE_URL: database.url };
      supervise(database, Number(new URL(database.url).port));
    }
    const databaseUrl = config.DATABASE_URL!;
    crashPoint('before-migrations');
    const applied = await migrate({ databaseUrl, log: (m) => log.info(m) });
    if (applied.length === 0) log.info('database schema is up to date');
    crashPoint('after-migrations');
    if (await distributeOnCitus({ databaseUrl, shardCount: config.CITUS_SHARD_COUNT, log: (m) => log.info(m) })) {
      log.info('Citus coordinator: spans and trace summaries are distributed by trace id, dimensions are reference tables');
    }
    // A failed pass is logged and retried, never a reason not to serve: the spans it could not
    // drop are still readable, and ingest has the partitions the previous passes created.
    const retention = () =>
      runRetention({ databaseUrl, retentionDays: config.RETENTION_DAYS }).then(
        (result) => {
          const m = metrics();
          m.retentionRuns.inc({ outcome: 'ok' });
          m.retentionDroppedPartitions.inc(result.dropped.length);
          m.retentionDroppedBytes.inc(result.dropped.reduce((sum, p) => sum + p.bytes, 0));
          return result;
        },
        (err: Error) => {
          metrics().retentionRuns.inc({ outcome: 'failed' });
          log.error(`retention failed (retried in ${RETENTION_RETRY_MS / 60_000} min): ${err.message}`);
          return undefined;
        },
      );
    const retentionPass = async () => {
      clearTimeout(retentionRetry);
      if ((await retention()) === undefined) (retentionRetry = setTimeout(() => void retentionPass(), RETENTION_RETRY_MS)).unref();
    };
    await retentionPass();
    retentionTimer = setInterval(() => void retentionPass(), RETENTION_INTERVAL_MS);
    retentionTimer.unref();
    // each pass scheduled after the last one ended, so passes never overlap in this process
    const compactionPass = () =>
      void runRollupCompaction({ databaseUrl })
        .catch((err: Error) => log.error(`rollup compaction failed (retried in ${ROLLUP_COMPACTION_INTERVAL_MS / 1000} s): ${err.message}`))
        .finally(() => (compactionTimer = setTimeout(compactionPass, ROLLUP_COMPACTION_INTERVAL_MS)).unref());
    compactionTimer = setTimeout(compactionPass, ROLLUP_COMPACTION_INTERVAL_MS);
    compactionTimer.unref();

    const { writer, memory } = runtime(); // the ingest writer and memory budget, shared with the route handlers
    const ingestMemory = { memory, maxBodyBytes: config.INGEST_MAX_BODY_BYTES };
    samplingStore(config.SAMPLING_STRATEGIES_FILE).start(); // a malformed file stops the start
    const app = next({ dev: false, dir: ROOT, quiet: true });
    await app.prepare();
    const handle = app.getRequestHandler();

    if (config.PORT > 0) {
      const server = createDrainableServer((req, res) => {
        access.main(req, res, () => {
          const pathname = (req.url ?? '/').split('?')[0];
          if (pathname === '/metrics') return void serveMetrics(req, res);
          timeQuery(req, res, pathname);
          compressApiAnswers(req, res); // JSON answers by Accept-Encoding (Next.js does not, for route handlers)
          void handle(withClientAddress(req), res);
        });
      }, ingestMemory);
      await listenHttp(server, config.PORT, config.HOST, 'PORT');
      listeners.push({ name: 'UI, query API and ingest', close: () => closeHttp(server) });
      log.info(`UI and query API on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`);
    }
    listeners.push(...(await startListeners(config, handle, writer, ingestMemory, access))); // OTLP gRPC/HTTP, Jaeger, Zipkin, sampling
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
