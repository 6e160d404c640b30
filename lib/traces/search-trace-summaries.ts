import { byServiceName } from '@/lib/model/service-order';
import type { PageAfter, TraceOrder } from '@/lib/model/trace-order';
import type { TraceQuery } from '@/lib/model/trace-query';
import { db } from '@/lib/store/db';
import { findTraceSummaries, type StoredTraceSummary } from '@/lib/store/read/find-trace-summaries';
import type { TraceSummaryDetail } from './summarize-trace';

// A page of search results as trace summaries, from the stored summaries: sorted and paged on
// the server over every match, with the total, and no whole trace loaded.

export type SearchTraceSummariesOptions = {
  query: TraceQuery;
  orderBy: TraceOrder;
  after?: PageAfter;
  /** page size */
  size: number;
  withTotal: boolean;
};

export type TraceSummariesPage = {
  summaries: TraceSummaryDetail[];
  /** where the next page starts; absent on the last page */
  next?: PageAfter;
  total?: { value: number; isEstimate: boolean };
};

export const namesOf = async (table: 'services' | 'operations', ids: number[]): Promise<Map<number, string>> => {
  if (ids.length === 0) return new Map();
  const unique = [...new Set(ids)];
  const rows =
    table === 'services'
      ? await db().service.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } })
      : await db().operation.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
};

export const toDetail = (row: StoredTraceSummary, services: Map<number, string>, operations: Map<number, string>): TraceSummaryDetail => ({
  traceId: row.traceId,
  rootServiceName: services.get(row.rootServiceId) ?? '',
  rootOperationName: operations.get(row.rootOperationId) ?? '',
  spanCount: row.spanCount,
  errorSpanCount: row.errorCount,
  orphanSpanCount: row.orphanSpanCount,
  services: row.serviceIds
    .map((id, i) => ({ name: services.get(id) ?? '', spanCount: row.serviceSpanCounts[i], errorSpanCount: row.serviceErrorCounts[i] }))
    .sort(byServiceName),
  minStartNs: row.startNs,
  maxEndNs: row.endNs,
});

/** One page of the traces matching `query`, in `orderBy` order. */
export const searchTraceSummaries = async (options: SearchTraceSummariesOptions): Promise<TraceSummariesPage> => {
  const page = await findTraceSummaries(options);
  const [services, operations] = await Promise.all([
    namesOf('services', page.rows.flatMap((r) => [r.rootServiceId, ...r.serviceIds])),
    namesOf('operations', page.rows.map((r) => r.rootOperationId)),
  ]);
  const last = page.rows[page.rows.length - 1];
  return {
    summaries: page.rows.map((r) => toDetail(r, services, operations)),
    ...(page.hasMore && last && { next: { key: last.sortKey, traceId: last.traceId } }),
    ...(page.total && { total: page.total }),
  };
};
