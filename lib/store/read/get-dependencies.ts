import { SpanKind } from '@/lib/model/span-record';
import { db, isCitusStore } from '@/lib/store/db';
import { withHeavyQuery } from '@/lib/store/read-budget';
import { Prisma } from '@/lib/store/generated/client';

// literals in the statement text, not bind parameters
const CLIENT = Prisma.raw(String(SpanKind.CLIENT));
const SERVER = Prisma.raw(String(SpanKind.SERVER));

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
 *
 * Shared spans follow lib/model/duplicate-spans.ts: a SERVER span with the id of a CLIENT span
 * of its trace is that client's child (the call), not a child of the client's parent; spans of
 * the server's service naming the shared id as parent are the server half's children (no call);
 * other children of the shared id are the client half's.
 */
export const getDependencies = async ({ startNs, endNs, serviceName }: GetDependenciesOptions): Promise<DependencyLink[]> => {
  // Citus variant: materialized CTEs become intermediate results joined on the coordinator
  // without statistics (a nested loop, quadratic: 14 s for one hour). Inlined, every join of the
  // query is on trace_id, so the whole call list is computed on each shard beside its spans, and
  // each call is made distinct there (its trace id is in the GROUP BY); only the per-pair counts
  // are summed on the coordinator.
  const citus = await isCitusStore();
  const materialized = citus ? Prisma.sql`NOT MATERIALIZED` : Prisma.sql`MATERIALIZED`;
  const callsSql = Prisma.sql`
    WITH w AS ${materialized} (
      SELECT s.trace_id, s.span_id, s.parent_span_id, s.service_id, s.start_ns, o.kind
      FROM spans s JOIN operations o ON o.id = s.operation_id
      WHERE s.start_ns BETWEEN ${startNs - PARENT_SLACK_NS} AND ${endNs + PARENT_SLACK_NS}
    ),
    shared AS ${materialized} (
      SELECT DISTINCT sv.trace_id, sv.span_id, sv.service_id AS server_service, cl.service_id AS client_service
      FROM w sv JOIN w cl ON cl.trace_id = sv.trace_id AND cl.span_id = sv.span_id AND cl.kind = ${CLIENT}
      WHERE sv.kind = ${SERVER}
    )
    SELECT c.trace_id, c.span_id, c.kind, sh.client_service AS parent_service, c.service_id AS child_service
    FROM w c JOIN shared sh ON sh.trace_id = c.trace_id AND sh.span_id = c.span_id
    WHERE c.kind = ${SERVER} AND c.start_ns BETWEEN ${startNs} AND ${endNs}
    UNION ALL
    SELECT c.trace_id, c.span_id, c.kind, p.service_id, c.service_id
    FROM w c
    JOIN w p ON p.trace_id = c.trace_id AND p.span_id = c.parent_span_id
    LEFT JOIN shared sc ON sc.trace_id = c.trace_id AND sc.span_id = c.span_id AND c.kind = ${SERVER}
    LEFT JOIN shared sp ON sp.trace_id = p.trace_id AND sp.span_id = p.span_id
    WHERE c.start_ns BETWEEN ${startNs} AND ${endNs}
      AND sc.trace_id IS NULL
      AND (sp.trace_id IS NULL
           OR (p.kind = ${CLIENT} AND sp.server_service <> c.service_id))`;
  // a scan of the whole window: one of the few heavy queries that may run at once (read-budget.ts)
  const rows = await withHeavyQuery(() => citus
    ? db().$queryRaw<{ parent: string; child: string; calls: bigint }[]>`
        SELECT ps.name AS parent, cs.name AS child, count(*) AS calls
        FROM (
          SELECT c.trace_id, c.span_id, c.kind, c.parent_service, c.child_service
          FROM (${callsSql}) c
          WHERE c.parent_service <> c.child_service
          GROUP BY c.trace_id, c.span_id, c.kind, c.parent_service, c.child_service
        ) c
        JOIN services ps ON ps.id = c.parent_service
        JOIN services cs ON cs.id = c.child_service
        GROUP BY ps.name, cs.name
        ORDER BY ps.name, cs.name`
    : db().$queryRaw<{ parent: string; child: string; calls: bigint }[]>`
        WITH calls AS (${callsSql})
        SELECT ps.name AS parent, cs.name AS child, count(DISTINCT (c.trace_id, c.span_id, c.kind)) AS calls
        FROM calls c
        JOIN services ps ON ps.id = c.parent_service
        JOIN services cs ON cs.id = c.child_service
        WHERE c.parent_service <> c.child_service
        GROUP BY ps.name, cs.name
        ORDER BY ps.name, cs.name`);
  return rows
    .filter((r) => serviceName === undefined || r.parent === serviceName || r.child === serviceName)
    .map((r) => ({ parent: r.parent, child: r.child, callCount: Number(r.calls) }));
};
