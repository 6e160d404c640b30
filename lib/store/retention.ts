import type pg from 'pg';
import { DIMENSION_TABLES, type DimensionTable } from '@/lib/store/write/dimension-cache';
import { DAY_NS, MS_PER_DAY } from '@/lib/model/units';
import { hasCitus, SEQUENTIAL_MODE_SQL } from './citus';
import { DAY_TABLES, dayOfNs, ensurePartitions, forgetPartitions, partitionName, type DayPartitionedTable } from './partitions';

// Retention drops whole day partitions, never rows: DETACH PARTITION … CONCURRENTLY (which
// does not block ingest into the other partitions) and DROP TABLE. Citus does not support
// CONCURRENTLY: there a plain DETACH (the parent locked for the moment it takes, on every
// shard; it waits at most LOCK_TIMEOUT for running statements, and is retried) and DROP TABLE. A partition is dropped once
// its whole day is older than RETENTION_DAYS; the job also creates the coming days ahead of
// time so that ingest at midnight never waits on DDL. Dimension rows (services, operations,
// resources, scopes) whose newest span is older than every day kept are deleted with them, so
// the service and operation lists show what can still be found.

const DAYS_AHEAD = 2;
// a plain DETACH queued behind a long read would hold up every write queued behind it
const LOCK_TIMEOUT = '2s';
const DETACH_TRIES = 5;

export type PartitionInfo = { name: string; day: number; bytes: number };

/** The day partitions of `spans`, oldest first, with their size on disk (table + indexes + TOAST). */
export const listPartitions = async (db: pg.ClientBase, citus = false): Promise<PartitionInfo[]> => {
  // on Citus the coordinator's partitions are empty: the bytes are in the workers' shards
  const size = citus ? 'citus_total_relation_size' : 'pg_total_relation_size';
  const { rows } = await db.query<{ name: string; bytes: string }>(
    `SELECT c.relname AS name, ${size}(c.oid) AS bytes
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'spans'::regclass ORDER BY c.relname`,
  );
  return rows
    .map((r) => {
      const m = /^spans_p(\d{4})(\d{2})(\d{2})$/.exec(r.name);
      return m ? { name: r.name, day: Date.UTC(+m[1], +m[2] - 1, +m[3]) / MS_PER_DAY, bytes: Number(r.bytes) } : undefined;
    })
    .filter((p): p is PartitionInfo => p !== undefined);
};

/** Detaches one partition with a plain DETACH in a short transaction that gives up on a busy parent, and retries. */
const detachBriefly = async (db: pg.ClientBase, table: DayPartitionedTable, name: string): Promise<number> => {
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    await db.query('BEGIN');
    try {
      await db.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      await db.query(SEQUENTIAL_MODE_SQL);
      await db.query(`ALTER TABLE ${table} DETACH PARTITION ${name}`);
      await db.query('COMMIT');
      return performance.now() - started;
    } catch (err) {
      await db.query('ROLLBACK');
      if ((err as { code?: string }).code !== '55P03' || attempt === DETACH_TRIES) throw err; // 55P03: lock_not_available
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
};

/**
 * Detaches (without blocking writes to other days where PostgreSQL can) and drops one day's
 * partition of a table, if it exists. Returns how long the DETACH took (the time ingest may wait on Citus).
 */
const dropDayPartition = async (db: pg.ClientBase, table: DayPartitionedTable, day: number, citus: boolean): Promise<number> => {
  const name = partitionName(day, table);
  const attached = await db.query(
    `SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass AND c.relname = $2`,
    [table, name],
  );
  if (attached.rowCount === 0) return 0;
  let detachMs = 0;
  if (citus) detachMs = await detachBriefly(db, table, name);
  else {
    const started = performance.now();
    try {
      await db.query(`ALTER TABLE ${table} DETACH PARTITION ${name} CONCURRENTLY`);
    } catch (err) {
      // an earlier DETACH … CONCURRENTLY that was interrupted leaves the partition "pending"
      if (!/pending detach|FINALIZE/i.test((err as Error).message)) throw err;
      await db.query(`ALTER TABLE ${table} DETACH PARTITION ${name} FINALIZE`);
    }
    detachMs = performance.now() - started;
  }
  await db.query(`DROP TABLE ${name}`);
  return detachMs;
};

export type RetentionResult = {
  dropped: PartitionInfo[];
  created: string[];
  kept: PartitionInfo[];
  dropMs: number;
  /** the longest single DETACH of the pass (on Citus, how long writes to the table may have waited) */
  longestDetachMs: number;
  /** dimension rows deleted, by table */
  forgotten: Record<DimensionTable, number>;
};

export type ApplyRetentionOptions = { db: pg.ClientBase; retentionDays: number; nowNs: bigint; log?: (line: string) => void };

/** Drops every day partition that lies wholly before now − retentionDays, and creates the next days. */
export const applyRetention = async ({ db, retentionDays, nowNs, log = () => {} }: ApplyRetentionOptions): Promise<RetentionResult> => {
  const cutoffNs = nowNs - BigInt(retentionDays) * DAY_NS;
  const today = dayOfNs(nowNs);
  const citus = await hasCitus(db);
  const before = await listPartitions(db, citus);
  const ahead = Array.from({ length: DAYS_AHEAD + 1 }, (_, i) => today + i);
  const existing = new Set(before.map((p) => p.day));
  await ensurePartitions(db, ahead);
  const created = ahead.filter((d) => !existing.has(d)).map((d) => partitionName(d));

  const expired = before.filter((p) => BigInt(p.day + 1) * DAY_NS <= cutoffNs);
  const started = performance.now();
  let longestDetachMs = 0;
  for (const p of expired) {
    const detachMs: number[] = [];
    for (const table of DAY_TABLES) detachMs.push(await dropDayPartition(db, table, p.day, citus));
    longestDetachMs = Math.max(longestDetachMs, ...detachMs);
    forgetPartitions([p.day]);
    log(
      `retention: dropped ${p.name} (${(p.bytes / 1e6).toFixed(1)} MB) with its trace summaries and rollups, older than ${retentionDays} days` +
        (citus ? ` (plain DETACH on Citus: ${detachMs.map((ms) => ms.toFixed(0)).join(' + ')} ms)` : ''),
    );
  }
  // a table detached by a run that died before its DROP is no partition any more: drop it too
  const strays = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c
     WHERE c.relkind = 'r' AND c.relname ~ '^(${DAY_TABLES.join('|')})_p[0-9]{8}$'
       AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid)`,
  );
  for (const { name } of strays.rows) {
    const m = /_p(\d{4})(\d{2})(\d{2})$/.exec(name)!;
    const day = Date.UTC(+m[1], +m[2] - 1, +m[3]) / MS_PER_DAY;
    if (BigInt(day + 1) * DAY_NS > cutoffNs) continue;
    await db.query(`DROP TABLE ${name}`);
    log(`retention: dropped ${name}, a detached day partition left by an interrupted run`);
  }
  const dropMs = performance.now() - started;

  // the first day kept: no span older than it is left, so neither is a row only such spans used
  const keptFromDay = dayOfNs(cutoffNs);
  // the service calls' hour rows are not partitioned (see their migration): the hours before that day go
  await db.query(`DELETE FROM call_rollups WHERE bucket_ns < $1`, [String(BigInt(keptFromDay) * DAY_NS)]);
  const forgotten = { services: 0, operations: 0, resources: 0, scopes: 0 };
  for (const table of DIMENSION_TABLES) {
    forgotten[table] = (await db.query(`DELETE FROM ${table} WHERE last_seen_day < $1`, [keptFromDay])).rowCount ?? 0;
  }
  if (Object.values(forgotten).some((n) => n > 0)) {
    const counts = DIMENSION_TABLES.map((t) => `${forgotten[t]} ${t}`).join(', ');
    log(`retention: forgot ${counts} whose spans were all older than ${retentionDays} days`);
  }
  const dropped = new Set(expired.map((p) => p.name));
  return { dropped: expired, created, kept: before.filter((p) => !dropped.has(p.name)), dropMs, longestDetachMs, forgotten };
};
