import { HOUR_NS, nowNs } from '@/lib/model/units';
import { db, isCitusStore } from '@/lib/store/db';
import { Prisma } from '@/lib/store/generated/client';
import { withHeavyQuery } from '@/lib/store/read-budget';
import { ceilTo, floorTo, windowEndsNow } from './rollup-sql';

export type GetDependenciesOptions = { startNs: bigint; endNs: bigint; serviceName?: string };
export type DependencyLink = { parent: string; child: string; callCount: number };

/** The calls of the summaries of traces starting in [fromNs, toNs], one row per pair and trace. */
const summaryCalls = (fromNs: bigint, toNs: bigint) => Prisma.sql`
  SELECT unnest(t.call_parent_ids) AS parent_id, unnest(t.call_child_ids) AS child_id, unnest(t.call_counts) AS n
  FROM trace_summaries t
  WHERE t.start_ns BETWEEN ${fromNs} AND ${toNs} AND cardinality(t.call_counts) > 0`;

/**
 * The calls of the traces starting in [startNs, endNs]: the whole hours inside it from the hour
 * rows of call_rollups (whose rows of an hour sum to its summaries' calls, see its migration), the
 * rest (at most an hour at each end) from the summaries. A window that ends now takes its last
 * hour whole from the hour rows, as the other rollup readers do (rollup-sql.ts): nothing started
 * after now but spans stamped ahead of this host's clock, which it then counts too.
 */
const windowCalls = (startNs: bigint, endNs: bigint, endsNow: boolean) => {
  // whole hours [hFrom, hTo) inside the inclusive window [startNs, endNs] (with endsNow, up to the end of endNs's hour)
  const hFrom = ceilTo(startNs, HOUR_NS);
  const hTo = endsNow ? ceilTo(endNs + 1n, HOUR_NS) : floorTo(endNs + 1n, HOUR_NS);
  if (hFrom >= hTo) return summaryCalls(startNs, endNs);
  const parts = [Prisma.sql`SELECT parent_id, child_id, count AS n FROM call_rollups WHERE bucket_ns >= ${hFrom} AND bucket_ns < ${hTo}`];
  if (startNs < hFrom) parts.push(summaryCalls(startNs, hFrom - 1n));
  if (hTo <= endNs) parts.push(summaryCalls(hTo, endNs));
  return Prisma.join(parts, ' UNION ALL ');
};

/**
 * The service call graph of the traces that started in the window: the calls each trace's
 * summary keeps (a span whose parent span belongs to another service is one call from the
 * parent's service to the span's; lib/store/write/summarize-span-facts.ts), summed per pair. Like
 * the summaries, a span stored twice (an exporter's retry) is one call, and Zipkin's shared spans
 * follow lib/model/duplicate-spans.ts (the server half is its client's callee).
 *
 * On PostgreSQL the whole hours come from call_rollups (windowCalls): 30 days at 10-million-span
 * density read ~720 hours of rows and up to an hour of summaries, not a month of summaries (which
 * ran past the statement timeout beside a saturated ingest). On Citus, where no rollups are written
 * (aggregate-rollups.ts), the inner SELECT runs on each shard beside its summaries (set-returning
 * functions in the select list push down; a LATERAL join to a function did not), and only per-pair
 * counts are summed on the coordinator.
 */
export const getDependencies = async ({ startNs, endNs, serviceName }: GetDependenciesOptions): Promise<DependencyLink[]> => {
  const calls = (await isCitusStore()) ? summaryCalls(startNs, endNs) : windowCalls(startNs, endNs, windowEndsNow(endNs, nowNs()));
  // still one of the few heavy queries that may run at once (read-budget.ts): up to two hours of summaries
  const rows = await withHeavyQuery(() => db().$queryRaw<{ parent: string; child: string; calls: bigint }[]>`
    SELECT ps.name AS parent, cs.name AS child, sum(c.n) AS calls
    FROM (${calls}) c
    JOIN services ps ON ps.id = c.parent_id
    JOIN services cs ON cs.id = c.child_id
    GROUP BY ps.name, cs.name
    HAVING sum(c.n) > 0
    ORDER BY ps.name, cs.name`);
  return rows
    .filter((r) => serviceName === undefined || r.parent === serviceName || r.child === serviceName)
    .map((r) => ({ parent: r.parent, child: r.child, callCount: Number(r.calls) }));
};
