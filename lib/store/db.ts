import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client';
import { lowerReadPriority } from './lower-read-priority';
import { readSettings } from './read-budget';

// The one connection pool of the query side, separate from the writer's and smaller (see
// read-budget.ts): every statement on it is cancelled after QUERY_TIMEOUT_MS, waiting for one of
// its connections is bounded the same way, and its queries run without parallel workers, so one
// reader uses at most one core and ingest keeps the other, at a lower CPU priority
// (lower-read-priority.ts). The Prisma client runs over it (both kept on globalThis so hot reloads
// and Next's separate bundles do not open more pools). Only lib/store imports them.
// Prisma runs every query but one: reading whole traces (get-traces.ts) goes to the pool directly,
// because Prisma's conversion of each result value was the largest cost of a search answer
// (a fifth of its CPU time for 20 traces, measured with --cpu-prof).

const KEY = Symbol.for('spanscope.store');
type Store = { pool: pg.Pool; prisma: PrismaClient; citus?: Promise<boolean> };
const global = globalThis as typeof globalThis & { [KEY]?: Store };

const store = (): Store => {
  const existing = global[KEY];
  if (existing) return existing;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set: start Spanscope with `npm start`');
  const { poolSize, timeoutMs, workMemMb, nice } = readSettings();
  const pool = new pg.Pool({
    connectionString,
    application_name: 'spanscope-read',
    max: poolSize,
    statement_timeout: timeoutMs,
    connectionTimeoutMillis: timeoutMs,
    options: `-c max_parallel_workers_per_gather=0 -c work_mem=${workMemMb}MB`,
  });
  pool.on('error', () => {}); // an idle connection died (e.g. PostgreSQL restarted); the next query reconnects
  pool.on('connect', (client) => lowerReadPriority(client, nice)); // below ingest's priority when local (QUERY_NICE)
  const created = { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
  global[KEY] = created;
  return created;
};

/** The Prisma client, connected to DATABASE_URL. */
export const db = (): PrismaClient => store().prisma;

/** The read pool if some read has opened it, without opening it (the launcher's /metrics). */
export const existingReadPool = (): pg.Pool | undefined => global[KEY]?.pool;

/** The pg pool under it, for the bulk read of whole traces. */
export const pool = (): pg.Pool => store().pool;

/**
 * Whether the database is a Citus coordinator (asked once per process). The few reads that need
 * a Citus variant (see lib/store/citus.ts) branch on it.
 */
export const isCitusStore = (): Promise<boolean> => {
  const s = store();
  s.citus ??= s.pool.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`).then(
    (r) => r.rowCount === 1,
    (err) => {
      s.citus = undefined; // not known yet: ask again next time
      throw err;
    },
  );
  return s.citus;
};
