import { db } from '@/lib/store/db';

export type GetDependenciesOptions = { startNs: bigint; endNs: bigint; serviceName?: string };
export type DependencyLink = { parent: string; child: string; callCount: number };

// parents may start a little before the window (or after it, under clock skew)
const PARENT_SLACK_NS = 3_600_000_000_000n;

/**
 * The service call graph: for every span that started in the window and whose parent span
 * (same trace) belongs to another service, one call parent service → child service. The spans
 * of the window (plus an hour of slack for parents) are materialized once and joined to
 * themselves by hash, so the cost is linear in the window, also for traces of 10,000+ spans
 * (an index probe per child on trace_id would visit the whole trace for each child). A span
 * stored twice (an exporter's retry) is one call. Computed on request, no batch job.
 */
export const getDependencies = async ({ startNs, endNs, serviceName }: GetDependenciesOptions): Promise<DependencyLink[]> => {
  const rows = await db().$queryRaw<{ parent: string; child: string; calls: bigint }[]>`
    WITH w AS MATERIALIZED (
      SELECT trace_id, span_id, parent_span_id, service_id, start_ns FROM spans
      WHERE start_ns BETWEEN ${startNs - PARENT_SLACK_NS} AND ${endNs + PARENT_SLACK_NS}
    )
    SELECT ps.name AS parent, cs.name AS child, count(DISTINCT (c.trace_id, c.span_id)) AS calls
    FROM w c
    JOIN w p ON p.trace_id = c.trace_id AND p.span_id = c.parent_span_id AND p.service_id <> c.service_id
    JOIN services ps ON ps.id = p.service_id
    JOIN services cs ON cs.id = c.service_id
    WHERE c.start_ns BETWEEN ${startNs} AND ${endNs}
    GROUP BY ps.name, cs.name
    ORDER BY ps.name, cs.name`;
  return rows
    .filter((r) => serviceName === undefined || r.parent === serviceName || r.child === serviceName)
    .map((r) => ({ parent: r.parent, child: r.child, callCount: Number(r.calls) }));
};
