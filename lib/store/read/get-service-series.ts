import { chartBuckets } from '@/lib/model/chart-buckets';
import { nsToMsNumber } from '@/lib/model/units';
import { db } from '@/lib/store/db';
import { withHeavyQuery } from '@/lib/store/read-budget';
import { entrySpansIn, requestAggregates } from './entry-span-sql';
import { getServiceMetrics, rollupLatencyStats, toLatencyStats, type AggregateColumns, type LatencyStats } from './get-service-metrics';
import type { SpanKind } from '@/lib/model/span-record';
import { readRequestRollupStats } from './read-request-rollups';
import { isCitusStore } from '@/lib/store/db';

// The same entry-span requests as get-service-metrics.ts (see there for what counts), cut into
// equal time buckets for the charts: from the rollups on PostgreSQL (a rollup minute, or hour when
// the buckets are whole hours, falls in the bucket where it starts), from raw spans on Citus
// (partition pruning and spans_start_ns_brin).

export type GetServiceSeriesOptions = {
  startNs: bigint;
  endNs: bigint;
  buckets: number;
  /** the window ends now (the services page): its open hour may be read from hour rows (rollup-sql.ts) */
  endsNow?: boolean;
};
export type SeriesPoint = LatencyStats & { service: string; bucketStartMs: number };

type Row = AggregateColumns & { service: string; bucket: number };

/** The services page's numbers from the rollups: per service, per operation and per service × bucket. */
const readSeriesRollups = async ({ startNs, endNs, buckets, endsNow }: GetServiceSeriesOptions) => {
  const { bucketNs, originNs } = chartBuckets({ startNs, endNs, buckets });
  const stats = await readRequestRollupStats({ startNs, endNs, bucketNs, originNs, endsNow });
  // a bucket's start (the first one's clipped to the window)
  const series: SeriesPoint[] = stats.series.map(({ service, bucket, ...s }) => {
    const at = originNs + BigInt(bucket) * bucketNs;
    return { service, bucketStartMs: nsToMsNumber(at > startNs ? at : startNs), ...rollupLatencyStats(s) };
  });
  return { ...stats, series };
};

/**
 * The services page's metrics (getServiceMetrics) and series together: on PostgreSQL from one read
 * of the rollups (the metrics are the series' buckets merged), on Citus the two raw reads.
 */
export const getServiceMetricsAndSeries = async (o: GetServiceSeriesOptions) => {
  if (await isCitusStore()) {
    const [metrics, series] = await Promise.all([getServiceMetrics(o), getServiceSeries(o)]);
    return { ...metrics, series };
  }
  const stats = await readSeriesRollups(o);
  return {
    services: stats.services.map(({ service, ...s }) => ({ service, ...rollupLatencyStats(s) })),
    operations: stats.operations.map(({ service, operation, kind, ...s }) => ({ service, operation, kind: kind as SpanKind, ...rollupLatencyStats(s) })),
    series: stats.series,
  };
};

/** Per service and per time bucket: requests, errors and latency percentiles; empty buckets are absent. */
export const getServiceSeries = async ({ startNs, endNs, buckets }: GetServiceSeriesOptions): Promise<SeriesPoint[]> => {
  const widthNs = (endNs - startNs) / BigInt(buckets) + 1n;
  if (!(await isCitusStore())) return (await readSeriesRollups({ startNs, endNs, buckets })).series;
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
