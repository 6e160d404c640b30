import { EXACT_TOTAL_LIMIT, type PageAfter, type TraceOrder } from '@/lib/model/trace-order';
import type { TraceQuery } from '@/lib/model/trace-query';
import { HOUR_NS } from '@/lib/model/units';
import { db } from '@/lib/store/db';
import { Prisma } from '@/lib/store/generated/client';
import { dayOfNs } from '@/lib/store/partitions';
import { traceQueryCriteria, type SpanCriteria } from './span-criteria';

// One page of the traces matching a search, sorted on the server over every match, from the
// stored trace summaries (never by loading whole traces). Three paths:
//
// - No span-level criteria, or only a service: walk trace_summaries in the order asked
//   (trace_summaries_start_ns_idx or _duration_ns_idx), the window, the service (a summary lists
//   its services) and the trace-level criteria as filters.
// - Span-level criteria that match few spans in the window (up to CANDIDATE_SPANS): collect the
//   matching traces from spans first (the span indexes of find-trace-ids), then sort just their
//   summaries. The total is exact.
// - Span-level criteria that match more: walk the summaries in order and keep each trace with a
//   matching span (EXISTS on spans_trace_id_idx). The total is an estimate.
//
// The window keeps Jaeger's meaning (the trace has a span that starts in it). On a summary that
// is "its span starts overlap the window", for traces that started at most STRADDLE_NS before it.

const CANDIDATE_SPANS = 50_000;
export const STRADDLE_NS = HOUR_NS;

export const ORDER_COLUMN: Record<TraceOrder, { column: string; descending: boolean }> = {
  start_desc: { column: 't.start_ns', descending: true },
  start_asc: { column: 't.start_ns', descending: false },
  duration_desc: { column: 't.duration_ns', descending: true },
  duration_asc: { column: 't.duration_ns', descending: false },
  span_count_desc: { column: 't.span_count', descending: true },
  error_count_desc: { column: 't.error_count', descending: true },
};

export type StoredTraceSummary = {
  traceId: string;
  startNs: bigint;
  endNs: bigint;
  spanCount: number;
  errorCount: number;
  orphanSpanCount: number;
  rootServiceId: number;
  rootOperationId: number;
  serviceIds: number[];
  serviceSpanCounts: number[];
  serviceErrorCounts: number[];
  /** the value of the sort column, for the next page's boundary */
  sortKey: bigint;
};

export type TraceSummaryPage = {
  rows: StoredTraceSummary[];
  /** whether more matches follow the last row */
  hasMore: boolean;
  /** matching traces in all; only when asked for */
  total?: { value: number; isEstimate: boolean };
};

export type FindTraceSummariesOptions = {
  query: TraceQuery;
  orderBy: TraceOrder;
  after?: PageAfter;
  /** page size */
  size: number;
  withTotal: boolean;
  /** matching spans listed before walking the summaries instead (tests lower it) */
  candidateSpans?: number;
};

const NOTHING: TraceSummaryPage = { rows: [], hasMore: false };

/** The summaries of the traces with a span starting in [lo, hi]: their days, and their span starts overlapping it. */
export const summaryWindowSql = (lo: bigint, hi: bigint): Prisma.Sql[] => [
  Prisma.sql`t.day BETWEEN ${dayOfNs(lo - STRADDLE_NS)} AND ${dayOfNs(hi) + 1}`,
  Prisma.sql`t.start_ns BETWEEN ${lo - STRADDLE_NS} AND ${hi} AND t.last_start_ns >= ${lo}`,
];

export const keysetSql = (orderBy: TraceOrder, after: PageAfter | undefined): Prisma.Sql[] => {
  if (!after) return [];
  const { column, descending } = ORDER_COLUMN[orderBy];
  const op = Prisma.raw(descending ? '<' : '>');
  return [Prisma.sql`(${Prisma.raw(column)}::int8, t.trace_id) ${op} (${after.key}::int8, ${after.traceId}::uuid)`];
};

export const orderSql = (orderBy: TraceOrder) => {
  const { column, descending } = ORDER_COLUMN[orderBy];
  const dir = descending ? 'DESC' : 'ASC';
  return Prisma.raw(`${column} ${dir}, t.trace_id ${dir}`);
};

export type SummaryRow = {
  trace_id: string; start_ns: bigint; end_ns: bigint; span_count: number; error_count: number; orphan_span_count: number;
  root_service_id: number; root_operation_id: number; service_ids: number[]; service_span_counts: number[];
  service_error_counts: number[]; sort_key: bigint;
};

/** The columns of a SummaryRow, read from the summary `t`. */
export const summaryColumns = (orderBy: TraceOrder) => Prisma.sql`replace(t.trace_id::text, '-', '') AS trace_id, t.start_ns, t.end_ns, t.span_count,
  t.error_count, t.orphan_span_count, t.root_service_id, t.root_operation_id, t.service_ids, t.service_span_counts, t.service_error_counts,
  ${Prisma.raw(ORDER_COLUMN[orderBy].column)}::int8 AS sort_key`;

export const toStoredSummary = (r: SummaryRow): StoredTraceSummary => ({
  traceId: r.trace_id, startNs: r.start_ns, endNs: r.end_ns, spanCount: r.span_count, errorCount: r.error_count,
  orphanSpanCount: r.orphan_span_count, rootServiceId: r.root_service_id, rootOperationId: r.root_operation_id,
  serviceIds: r.service_ids, serviceSpanCounts: r.service_span_counts, serviceErrorCounts: r.service_error_counts,
  sortKey: r.sort_key,
});

const selectPage = async (where: Prisma.Sql[], orderBy: TraceOrder, size: number): Promise<Omit<TraceSummaryPage, 'total'>> => {
  const rows = await db().$queryRaw<SummaryRow[]>`
    SELECT ${summaryColumns(orderBy)}
    FROM trace_summaries t WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY ${orderSql(orderBy)} LIMIT ${size + 1}`;
  return { hasMore: rows.length > size, rows: rows.slice(0, size).map(toStoredSummary) };
};

/** The planner's row estimate for a query (no rows are read). */
const estimateRows = async (sql: Prisma.Sql): Promise<number> => {
  const [plan] = await db().$queryRaw<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>`EXPLAIN (FORMAT JSON) ${sql}`;
  return Math.round(plan['QUERY PLAN'][0].Plan['Plan Rows']);
};

/** Counts matches exactly up to EXACT_TOTAL_LIMIT; beyond, the planner's estimate (never below the limit). */
export const countSummaries = async (where: Prisma.Sql[]) => {
  const from = Prisma.sql`FROM trace_summaries t WHERE ${Prisma.join(where, ' AND ')}`;
  const [{ n }] = await db().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 ${from} LIMIT ${EXACT_TOTAL_LIMIT + 1}) x`;
  if (n <= EXACT_TOTAL_LIMIT) return { value: n, isEstimate: false };
  return { value: Math.max(EXACT_TOTAL_LIMIT + 1, await estimateRows(Prisma.sql`SELECT 1 ${from}`)), isEstimate: true };
};

/** One page of matching trace summaries in the order asked, and the total when asked for. */
export const findTraceSummaries = async ({ query, ...options }: FindTraceSummariesOptions): Promise<TraceSummaryPage> => {
  const { criteria, traceLevel } = await traceQueryCriteria(query);
  return findSummariesWhere({ criteria, traceLevel, startMinNs: query.startMinNs, startMaxNs: query.startMaxNs, ...options });
};

export type FindSummariesWhereOptions = Omit<FindTraceSummariesOptions, 'query'> & {
  /** the span-level condition on `s`; undefined: nothing can match */
  criteria: SpanCriteria | undefined;
  /** trace-level conditions on the summary `t`; undefined: nothing can match */
  traceLevel: Prisma.Sql[] | undefined;
  /** inclusive window on the matching span's start, unix ns */
  startMinNs: bigint;
  startMaxNs: bigint;
};

/**
 * The same search with its conditions already compiled: by a TraceQuery above, by a one-spanset
 * filter in run-trace-filter.ts.
 */
export const findSummariesWhere = async ({ criteria, traceLevel, startMinNs: lo, startMaxNs: hi, orderBy, after, size, withTotal, candidateSpans = CANDIDATE_SPANS }: FindSummariesWhereOptions): Promise<TraceSummaryPage> => {
  if (!criteria || !traceLevel) return withTotal ? { ...NOTHING, total: { value: 0, isEstimate: false } } : NOTHING;
  const [days, overlap] = summaryWindowSql(lo, hi);
  const keyset = keysetSql(orderBy, after);

  const service = criteria.serviceId !== undefined ? [Prisma.sql`t.service_ids @> ARRAY[${criteria.serviceId}]::int[]`] : [];
  if (!criteria.any || criteria.onlyService) {
    const where = [days, overlap, ...service, ...traceLevel];
    const [page, total] = await Promise.all([selectPage([...where, ...keyset], orderBy, size), withTotal ? countSummaries(where) : undefined]);
    return { ...page, ...(total && { total }) };
  }

  // the traces of the spans that match, if they are few enough to list
  const spanWhere = Prisma.sql`s.start_ns BETWEEN ${lo} AND ${hi} AND ${criteria.where}`;
  const candidates = await db().$queryRaw<{ trace_id: string; spans: number }[]>`
    SELECT trace_id::text AS trace_id, count(*)::int AS spans
    FROM (SELECT s.trace_id FROM spans s WHERE ${spanWhere} LIMIT ${candidateSpans}) x GROUP BY trace_id`;
  const scanned = candidates.reduce((n, c) => n + c.spans, 0);
  if (scanned < candidateSpans) {
    if (candidates.length === 0) return withTotal ? { ...NOTHING, total: { value: 0, isEstimate: false } } : NOTHING;
    const ids = candidates.map((c) => c.trace_id);
    const where = [Prisma.sql`t.trace_id = ANY(${ids}::uuid[])`, Prisma.sql`t.day BETWEEN ${dayOfNs(lo) - 1} AND ${dayOfNs(hi) + 1}`, ...traceLevel];
    const [page, total] = await Promise.all([
      selectPage([...where, ...keyset], orderBy, size),
      withTotal
        ? db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM trace_summaries t WHERE ${Prisma.join(where, ' AND ')}`
        : undefined,
    ]);
    return { ...page, ...(total && { total: { value: total[0].n, isEstimate: false } }) };
  }

  // many matching spans: keep, in order, the traces that have one
  const hasSpan = Prisma.sql`EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = t.trace_id
    AND s.start_ns BETWEEN GREATEST(${lo}::int8, t.start_ns) AND LEAST(${hi}::int8, t.last_start_ns) AND ${criteria.where})`;
  const where = [days, overlap, ...service, ...traceLevel, hasSpan];
  const page = await selectPage([...where, ...keyset], orderBy, size);
  if (!withTotal) return page;
  // matching spans (the planner's estimate) × traces per matching span in the sample listed above
  const spans = await estimateRows(Prisma.sql`SELECT 1 FROM spans s WHERE ${spanWhere}`);
  const value = Math.max(candidates.length, Math.round((spans * candidates.length) / scanned));
  return { ...page, total: { value, isEstimate: true } };
};
