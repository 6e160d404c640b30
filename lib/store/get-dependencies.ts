import { db } from './db';

export type GetDependenciesOptions = { startNs: bigint; endNs: bigint; serviceName?: string };
export type DependencyLink = { parent: string; child: string; callCount: number };

/**
 * The service call graph: for every span that started in the window and whose parent span
 * (same trace) belongs to another service, one call parent service → child service. Joins a
 * child to its parent through spans_trace_id_idx; computed on request, no batch job. A span
 * stored twice (an exporter's retry) is one call.
 */
export const getDependencies = async ({ startNs, endNs, serviceName }: GetDependenciesOptions): Promise<DependencyLink[]> => {
  const rows = await db().$queryRaw<{ parent: string; child: string; calls: bigint }[]>`
    SELECT ps.name AS parent, cs.name AS child, count(DISTINCT (c.trace_id, c.span_id)) AS calls
    FROM spans c
    JOIN LATERAL (
      SELECT p.service_id FROM spans p WHERE p.trace_id = c.trace_id AND p.span_id = c.parent_span_id LIMIT 1
    ) p ON p.service_id <> c.service_id
    JOIN services ps ON ps.id = p.service_id
    JOIN services cs ON cs.id = c.service_id
    WHERE c.start_ns BETWEEN ${startNs} AND ${endNs} AND c.parent_span_id IS NOT NULL
    GROUP BY ps.name, cs.name
    ORDER BY ps.name, cs.name`;
  return rows
    .filter((r) => serviceName === undefined || r.parent === serviceName || r.child === serviceName)
    .map((r) => ({ parent: r.parent, child: r.child, callCount: Number(r.calls) }));
};
