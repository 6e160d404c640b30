import { nsToMsNumber, nsToUsFractional } from '@/lib/model/units';
import { db } from '@/lib/store/db';
import { withHeavyQuery } from '@/lib/store/read-budget';
import { entrySpansIn, requestAggregates } from './entry-span-sql';
import { toLatencyStats, type AggregateColumns, type LatencyStats } from './get-service-metrics';

// The same entry-span requests as get-service-metrics.ts (see there for what counts), cut into
// equal time buckets for the charts. Same indexes: partition pruning and spans_start_ns_brin.

export type GetServiceSeriesOptions = { startNs: bigint; endNs: bigint; buckets: number };
export type SeriesPoint = LatencyStats & { service: string; bucketStartMs: number };

type Row = AggregateColumns & { service: string; bucket: number };

/** Per service and per time bucket: requests, errors and latency percentiles; empty buckets are absent. */
export const getServiceSeries = async ({ startNs, endNs, buckets }: GetServiceSeriesOptions): Promise<SeriesPoint[]> => {
  const widthNs = (endNs - startNs) / BigInt(buckets) + 1n;
  // a scan of the whole window: one of the few heavy queries that may run at once (read-budget.ts)
  const rows = await withHeavyQuery(() => db().$queryRaw<Row[]>`
    SELECT sv.name AS service, ((s.start_ns - ${startNs}) / ${widthNs})::int AS bucket,
           ${requestAggregates}
    ${entrySpansIn(startNs, endNs)}
    GROUP BY 1, 2 ORDER BY 1, 2`);
  return rows.map((r) => ({
    service: r.service,
    bucketStartMs: nsToMsNumber(startNs + BigInt(r.bucket) * widthNs),
    ...toLatencyStats(r),
  }));
};
