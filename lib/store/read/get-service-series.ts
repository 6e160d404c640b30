import { HOUR_NS, nsToMsNumber, nsToUsFractional } from '@/lib/model/units';
import { db } from '@/lib/store/db';
import { withHeavyQuery } from '@/lib/store/read-budget';
import { entrySpansIn, requestAggregates } from './entry-span-sql';
import { getServiceMetrics, rollupLatencyStats, toLatencyStats, type AggregateColumns, type LatencyStats } from './get-service-metrics';
import type { SpanKind } from '@/lib/model/span-record';
import { readRequestRollups, type RequestRollupRow } from './read-request-rollups';
import { isCitusStore } from '@/lib/store/db';

// The same entry-span requests as get-service-metrics.ts (see there for what counts), cut into
// equal time buckets for the charts: from the rollups on PostgreSQL (a rollup minute, or hour when
// the buckets are whole hours, falls in the bucket where it starts), from raw spans on Citus
// (partition pruning and spans_start_ns_brin).

export type GetServiceSeriesOptions = { startNs: bigint; endNs: bigint; buckets: number };
export type SeriesPoint = LatencyStats & { service: string; bucketStartMs: number };

type Row = AggregateColumns & { service: string; bucket: number };

/** The rollup rows of the services page's series: per service × operation × bucket. */
const readSeriesRollups = async ({ startNs, endNs, buckets }: GetServiceSeriesOptions) => {
  const widthNs = (endNs - startNs) / BigInt(buckets) + 1n;
  // buckets of half an hour or more (windows of 15 hours and up) become whole hours from the
  // hour, so they are read from hour rows: 7 days is then ~168 rows per operation, not ~10,000
  const snap = widthNs >= HOUR_NS / 2n;
  const bucketNs = snap ? ((widthNs + HOUR_NS - 1n) / HOUR_NS) * HOUR_NS : widthNs;
  const originNs = snap ? (startNs / HOUR_NS) * HOUR_NS : startNs;
  const rows = await readRequestRollups({ startNs, endNs, bucketNs, originNs });
  return { rows, bucketNs, originNs };
};

const groupBy = <K>(rows: RequestRollupRow[], keyOf: (r: RequestRollupRow) => K) => {
  const groups = new Map<K, RequestRollupRow[]>();
  for (const r of rows) {
    const key = keyOf(r);
    const of = groups.get(key);
    if (of) of.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()];
};

const seriesOf = (rows: RequestRollupRow[], startNs: bigint, bucketNs: bigint, originNs: bigint): SeriesPoint[] =>
  groupBy(rows, (r) => `${r.service}\u0000${r.bucket}`)
    .map((of) => {
      const at = originNs + BigInt(of[0].bucket!) * bucketNs;
      return { service: of[0].service, bucketStartMs: nsToMsNumber(at > startNs ? at : startNs), ...rollupLatencyStats(of) };
    })
    .sort((a, b) => a.service.localeCompare(b.service) || a.bucketStartMs - b.bucketStartMs);

/**
 * The services page's metrics (getServiceMetrics) and series together: on PostgreSQL from one read
 * of the rollups (the metrics are the series' buckets merged), on Citus the two raw reads.
 */
export const getServiceMetricsAndSeries = async (o: GetServiceSeriesOptions) => {
  if (await isCitusStore()) {
    const [metrics, series] = await Promise.all([getServiceMetrics(o), getServiceSeries(o)]);
    return { ...metrics, series };
  }
  const { rows, bucketNs, originNs } = await readSeriesRollups(o);
  const operations = groupBy(rows, (r) => `${r.service}\u0000${r.operation}\u0000${r.kind}`).map((of) => ({
    service: of[0].service, operation: of[0].operation, kind: of[0].kind as SpanKind, ...rollupLatencyStats(of),
  }));
  const services = groupBy(rows, (r) => r.service).map((of) => ({ service: of[0].service, ...rollupLatencyStats(of) }));
  return { services, operations, series: seriesOf(rows, o.startNs, bucketNs, originNs) };
};

/** Per service and per time bucket: requests, errors and latency percentiles; empty buckets are absent. */
export const getServiceSeries = async ({ startNs, endNs, buckets }: GetServiceSeriesOptions): Promise<SeriesPoint[]> => {
  const widthNs = (endNs - startNs) / BigInt(buckets) + 1n;
  if (!(await isCitusStore())) {
    const { rows, bucketNs, originNs } = await readSeriesRollups({ startNs, endNs, buckets });
    return seriesOf(rows, startNs, bucketNs, originNs);
  }
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
