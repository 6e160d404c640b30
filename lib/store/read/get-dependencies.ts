import { db } from '@/lib/store/db';
import { withHeavyQuery } from '@/lib/store/read-budget';

export type GetDependenciesOptions = { startNs: bigint; endNs: bigint; serviceName?: string };
export type DependencyLink = { parent: string; child: string; callCount: number };

/**
 * The service call graph of the traces that started in the window: the calls each trace's
 * summary keeps (a span whose parent span belongs to another service is one call from the
 * parent's service to the span's; lib/store/write/summarize-span-facts.ts), summed per pair. One
 * summary row per trace instead of every span of the window joined to its parent: a month of
 * traffic was minutes of joins, and is now a scan of its summaries. Like the summaries, a span
 * stored twice (an exporter's retry) is one call, and Zipkin's shared spans follow
 * lib/model/duplicate-spans.ts (the server half is its client's callee).
 *
 * On Citus the inner SELECT runs on each shard beside its summaries (set-returning functions in
 * the select list push down; a LATERAL join to a function did not), and only per-pair counts
 * are summed on the coordinator.
 */
export const getDependencies = async ({ startNs, endNs, serviceName }: GetDependenciesOptions): Promise<DependencyLink[]> => {
  // a scan of the window's summaries: one of the few heavy queries that may run at once (read-budget.ts)
  const rows = await withHeavyQuery(() => db().$queryRaw<{ parent: string; child: string; calls: bigint }[]>`
    SELECT ps.name AS parent, cs.name AS child, sum(c.n) AS calls
    FROM (
      SELECT unnest(t.call_parent_ids) AS parent_id, unnest(t.call_child_ids) AS child_id, unnest(t.call_counts) AS n
      FROM trace_summaries t
      WHERE t.start_ns BETWEEN ${startNs} AND ${endNs} AND cardinality(t.call_counts) > 0
    ) c
    JOIN services ps ON ps.id = c.parent_id
    JOIN services cs ON cs.id = c.child_id
    GROUP BY ps.name, cs.name
    ORDER BY ps.name, cs.name`);
  return rows
    .filter((r) => serviceName === undefined || r.parent === serviceName || r.child === serviceName)
    .map((r) => ({ parent: r.parent, child: r.child, callCount: Number(r.calls) }));
};
