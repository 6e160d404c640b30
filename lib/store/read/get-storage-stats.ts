import { nsToMsNumber } from '@/lib/model/units';
import { db, isCitusStore } from '@/lib/store/db';

export type StorageDay = { day: string; partition: string; bytes: number; spans: number };
export type StorageStats = {
  retentionDays: number;
  oldestSpanStart: string | null;
  newestSpanStart: string | null;
  days: StorageDay[];
  totalBytes: number;
};

export type GetStorageStatsOptions = { retentionDays: number };

/**
 * What is kept: one entry per day partition with its size on disk (heap, TOAST and indexes, with
 * the day's trace summaries)
 * and its span count (the planner's estimate: exact counts would scan every day), plus the
 * oldest and newest span start (min/max over the BRIN/B-tree indexes of the end partitions).
 */
export const getStorageStats = async ({ retentionDays }: GetStorageStatsOptions): Promise<StorageStats> => {
  const rows = (await isCitusStore())
    ? // Citus variant: the coordinator's partitions are empty shells; the rows and their bytes are in
      // the shards on the workers, so sizes come from citus_total_relation_size and the estimates
      // from each shard's own pg_class on its worker
      await db().$queryRaw<{ name: string; bytes: bigint; estimate: number }[]>`
        SELECT c.relname AS name,
               citus_total_relation_size(c.oid) + COALESCE(citus_total_relation_size(to_regclass('trace_summaries_' || substr(c.relname, 7))), 0) AS bytes,
               (SELECT COALESCE(sum(GREATEST(r.result::float8, 0)), 0)
                FROM run_command_on_shards(c.oid, $$SELECT reltuples FROM pg_class WHERE oid = '%s'::regclass$$) r
                WHERE r.success)::float8 AS estimate
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'spans'::regclass ORDER BY c.relname`
    : await db().$queryRaw<{ name: string; bytes: bigint; estimate: number }[]>`
        SELECT c.relname AS name,
               pg_total_relation_size(c.oid) + COALESCE(pg_total_relation_size(to_regclass('trace_summaries_' || substr(c.relname, 7))), 0) AS bytes,
               GREATEST(c.reltuples, 0)::float8 AS estimate
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'spans'::regclass ORDER BY c.relname`;
  const [range] = await db().$queryRaw<{ oldest: bigint | null; newest: bigint | null }[]>`
    SELECT (SELECT start_ns FROM spans ORDER BY start_ns LIMIT 1) AS oldest,
           (SELECT start_ns FROM spans ORDER BY start_ns DESC LIMIT 1) AS newest`;
  const iso = (ns: bigint | null) => (ns === null ? null : new Date(nsToMsNumber(ns)).toISOString());
  const days = rows.map((r) => ({
    day: `${r.name.slice(7, 11)}-${r.name.slice(11, 13)}-${r.name.slice(13, 15)}`,
    partition: r.name,
    bytes: Number(r.bytes),
    spans: Math.round(r.estimate),
  }));
  return {
    retentionDays,
    oldestSpanStart: iso(range.oldest),
    newestSpanStart: iso(range.newest),
    days,
    totalBytes: days.reduce((n, d) => n + d.bytes, 0),
  };
};
