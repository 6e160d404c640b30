import type { SpanKind } from '@/lib/model/span-record';
import { nsToUsFractional } from '@/lib/model/units';
import { db, isCitusStore } from '@/lib/store/db';
import { withHeavyQuery } from '@/lib/store/read-budget';
import { entrySpansIn, requestAggregates } from './entry-span-sql';
import { readRequestRollupStats, type RequestStats } from './read-request-rollups';

// RED metrics per service and operation. On PostgreSQL they are read from the per-minute rollups
// (read-request-rollups.ts: a 7-day window reads a few thousand hour rows); percentiles are then
// nearest-rank within 2%. On Citus, where the rollups are not written (aggregate-rollups.ts), they
// are computed from stored spans on request, as below (exact nearest-rank percentiles).
//
// What counts as a REQUEST of a service: its entry spans, i.e. spans of kind SERVER or CONSUMER,
// plus root spans (no parent) of any kind, so a batch job or a client-only service that starts
// its own traces still has a rate. Internal and client spans below an entry span are work done
// for a request, not requests, and would inflate the rate. Errors are requests with status ERROR;
// latency is the percentile of those requests' own durations.
//
// Indexes relied on: partition pruning on start_ns and spans_start_ns_brin for the window;
// operations_pkey / services_pkey for the joins. GROUPING SETS computes the per-service and the
// per-operation rows in one scan of the window.

export type GetServiceMetricsOptions = { startNs: bigint; endNs: bigint };

export type LatencyStats = { requests: number; errors: number; p50Us: number; p95Us: number; p99Us: number };
export type OperationMetrics = LatencyStats & { service: string; operation: string; kind: SpanKind };
export type ServiceMetrics = LatencyStats & { service: string };

/** The columns requestAggregates (entry-span-sql.ts) selects. */
export type AggregateColumns = { requests: bigint; errors: bigint; p50: bigint; p95: bigint; p99: bigint };

type Row = AggregateColumns & { service: string; operation: string | null; kind: number | null };

/** The aggregate columns as numbers, the percentiles in µs. */
export const toLatencyStats = (r: AggregateColumns): LatencyStats => ({
  requests: Number(r.requests),
  errors: Number(r.errors),
  p50Us: nsToUsFractional(r.p50),
  p95Us: nsToUsFractional(r.p95),
  p99Us: nsToUsFractional(r.p99),
});

/** Rollup stats (read-request-rollups.ts) as the API gives them, the percentiles in µs. */
export const rollupLatencyStats = ({ requests, errors, p50, p95, p99 }: RequestStats): LatencyStats => ({
  requests,
  errors,
  p50Us: nsToUsFractional(p50),
  p95Us: nsToUsFractional(p95),
  p99Us: nsToUsFractional(p99),
});

/** Requests, errors and p50/p95/p99 latency of each service and each of its operations in the window. */
export const getServiceMetrics = async ({ startNs, endNs }: GetServiceMetricsOptions) => {
  const citus = await isCitusStore();
  if (!citus) {
    const stats = await readRequestRollupStats({ startNs, endNs });
    return {
      services: stats.services.map((s): ServiceMetrics => ({ service: s.service, ...rollupLatencyStats(s) })),
      operations: stats.operations.map((o): OperationMetrics => ({ service: o.service, operation: o.operation, kind: o.kind as SpanKind, ...rollupLatencyStats(o) })),
    };
  }
  // a scan of the whole window: one of the few heavy queries that may run at once (read-budget.ts)
  const rows = await withHeavyQuery(() => citus
    ? // Citus variant: Citus cannot distribute GROUPING SETS, so the two groupings are two
      // aggregates over the window (each computed per shard and merged on the coordinator)
      db().$queryRaw<Row[]>`
        SELECT * FROM (
          SELECT sv.name AS service, NULL::text AS operation, NULL::smallint AS kind, ${requestAggregates}
          ${entrySpansIn(startNs, endNs)}
          GROUP BY sv.name
          UNION ALL
          SELECT sv.name, o.name, o.kind, ${requestAggregates}
          ${entrySpansIn(startNs, endNs)}
          GROUP BY sv.name, o.name, o.kind
        ) m
        ORDER BY service, operation NULLS FIRST, kind`
    : db().$queryRaw<Row[]>`
        SELECT sv.name AS service, o.name AS operation, o.kind AS kind,
               ${requestAggregates}
        ${entrySpansIn(startNs, endNs)}
        GROUP BY GROUPING SETS ((sv.name), (sv.name, o.name, o.kind))
        ORDER BY sv.name, o.name NULLS FIRST, o.kind`);
  const services: ServiceMetrics[] = [];
  const operations: OperationMetrics[] = [];
  for (const r of rows) {
    if (r.operation === null) services.push({ service: r.service, ...toLatencyStats(r) });
    else operations.push({ service: r.service, operation: r.operation, kind: Number(r.kind) as SpanKind, ...toLatencyStats(r) });
  }
  return { services, operations };
};
