import type pg from 'pg';
import { DAY_NS, MS_PER_DAY } from '@/lib/model/units';

// Spans live in one partition per UTC day of their start time: spans_pYYYYMMDD holds
// start_ns in [day * DAY_NS, (day + 1) * DAY_NS). Trace summaries have the same days
// (trace_summaries_pYYYYMMDD holds day = that day), and so do the rollups (span_rollups_pYYYYMMDD
// and exception_rollups_pYYYYMMDD hold bucket_ns in the day), so retention drops them together.

/** The UTC day number (days since the epoch) of a unix-nanosecond time. */
export const dayOfNs = (ns: bigint): number => Number(ns / DAY_NS);

/** The tables partitioned by day, and each one's partition bounds for a day. */
export const DAY_PARTITIONED = {
  spans: (day: number) => `FROM (${BigInt(day) * DAY_NS}) TO (${BigInt(day + 1) * DAY_NS})`,
  trace_summaries: (day: number) => `FROM (${day}) TO (${day + 1})`,
  span_rollups: (day: number) => `FROM (${BigInt(day) * DAY_NS}) TO (${BigInt(day + 1) * DAY_NS})`,
  exception_rollups: (day: number) => `FROM (${BigInt(day) * DAY_NS}) TO (${BigInt(day + 1) * DAY_NS})`,
} as const;
/** The day-partitioned tables in the order a day's partitions are created (spans last) and dropped (spans first). */
export const DAY_TABLES = ['spans', 'trace_summaries', 'span_rollups', 'exception_rollups'] as const satisfies readonly DayPartitionedTable[];
export type DayPartitionedTable = keyof typeof DAY_PARTITIONED;

/** The partition table name of a day number, e.g. spans_p20261122. */
export const partitionName = (day: number, table: DayPartitionedTable = 'spans'): string =>
  `${table}_p${new Date(day * MS_PER_DAY).toISOString().slice(0, 10).replaceAll('-', '')}`;

const known = new Set<number>();

/**
 * Creates the day partitions that do not exist yet. Idempotent and safe when several
 * processes race: creation is serialized by an advisory lock and uses IF NOT EXISTS.
 */
export const ensurePartitions = async (db: pg.ClientBase, days: Iterable<number>): Promise<void> => {
  const missing = [...new Set(days)].filter((d) => !known.has(d)).sort((a, b) => a - b);
  if (missing.length === 0) return;
  const existing = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'spans'::regclass`,
  );
  const names = new Set(existing.rows.map((r) => r.name));
  for (const day of missing) {
    const name = partitionName(day);
    if (!names.has(name)) {
      await db.query('SELECT pg_advisory_lock(86400)');
      try {
        // the other tables' partitions first: once spans_pD exists, this function takes day D as done
        for (const table of [...DAY_TABLES].reverse()) {
          await db.query(
            `CREATE TABLE IF NOT EXISTS ${partitionName(day, table)} PARTITION OF ${table} FOR VALUES ${DAY_PARTITIONED[table](day)}`,
          );
        }
      } finally {
        await db.query('SELECT pg_advisory_unlock(86400)');
      }
    }
    known.add(day);
  }
};

/** Forgets what this process knows about partitions (after retention dropped some). */
export const forgetPartitions = (days: Iterable<number>): void => {
  for (const d of days) known.delete(d);
};
