import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EnvError, parseEnv } from '@/lib/env';
import { lockDataDir } from './data-dir-lock';
import { embeddedAppUrl, startEmbeddedPostgres } from './embedded-postgres';
import { logger } from '@/lib/log';
import { runRetention } from '@/lib/store/retention-job';

// `npm run retention`: one retention pass, now. Safe while the server runs: it connects to the
// same database (DATABASE_URL, or the embedded PostgreSQL of a running server, found through
// DATA_DIR/pg/postmaster.pid) and drops partitions with DETACH … CONCURRENTLY, which does not
// block ingest. With no server running it takes the DATA_DIR lock and starts the embedded
// PostgreSQL for the pass.

const log = logger('retention');

/** The port of a live embedded PostgreSQL under DATA_DIR, from line 4 of its postmaster.pid. */
const runningEmbeddedPort = (dataDir: string): number | undefined => {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(lines[0]), 0);
  } catch {
    return undefined;
  }
  return Number(lines[3]) || undefined;
};

const main = async () => {
  const config = parseEnv();
  let url = config.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    const port = runningEmbeddedPort(config.DATA_DIR);
    if (port) url = embeddedAppUrl(config.DATA_DIR, port);
    else {
      // no server: hold DATA_DIR as the server would, so one started meanwhile waits its turn
      // instead of taking this PostgreSQL for a leftover and stopping it
      const unlock = lockDataDir(config.DATA_DIR);
      try {
        const database = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: 0 });
        url = database.url;
        stop = () => database.stop().finally(unlock);
        // interrupted mid-pass: stop the PostgreSQL started here (a day left detached is dropped by the next pass)
        for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
          process.once(signal, () => void stop!().finally(() => process.exit(code)));
        }
      } catch (err) {
        unlock();
        throw err;
      }
    }
  }
  try {
    const result = await runRetention({ databaseUrl: url, retentionDays: config.RETENTION_DAYS });
    log.info(
      `kept ${result.kept.length} day(s) (${(result.kept.reduce((n, p) => n + p.bytes, 0) / 1e6).toFixed(1)} MB); ` +
        `dropped ${result.dropped.length} older than ${config.RETENTION_DAYS} days in ${result.dropMs.toFixed(0)} ms; ` +
        `forgot ${result.forgotten.services} service(s) and ${result.forgotten.operations} operation(s) with no span left`,
    );
  } finally {
    await stop?.();
  }
};

main().catch((err) => {
  console.error(err instanceof EnvError ? err.message : `retention failed: ${(err as Error).message}`);
  process.exit(err instanceof EnvError ? 2 : 1);
});
