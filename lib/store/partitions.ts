import type pg from 'pg';
import { DAY_NS, MS_PER_DAY } from '@/lib/model/units';

// Spans live in one partition per UTC day of their start time: spans_pYYYYMMDD holds
// start_ns in [day * DAY_NS, (day + 1) * DAY_NS). Retention drops whole partitions.

/** The UTC day number (days since the epoch) of a unix-nanosecond time. */
export const dayOfNs = (ns: bigint): number => Number(ns / DAY_NS);

/** The partition table name of a day number, e.g. spans_p20261122. */
export const partitionName = (day: number): string =>
  `spans_p${new Date(day * MS_PER_DAY).toISOString().slice(0, 10).replaceAll('-', '')}`;

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
      const from = BigInt(day) * DAY_NS;
      await db.query('SELECT pg_advisory_lock(86400)');
      try {
        await db.query(
          `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF spans FOR VALUES FROM (${from}) TO (${from + DAY_NS})`,
        );
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
