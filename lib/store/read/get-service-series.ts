import { HOUR_NS, nsToMsNumber, nsToUsFractional } from '@/lib/model/units';
import { db } from '@/lib/store/db';
import { withHeavyQuery } from '@/lib/store/read-budget';
import { entrySpansIn, requestAggregates } from './entry-span-sql';
import { rollupLatencyStats, toLatencyStats, type AggregateColumns, type LatencyStats } from './get-service-metrics';
import { readRequestRollups, type RequestRollupRow } from './read-request-rollups';
import { isCitusStore } from '@/lib/store/db';

// The same entry-span requests as get-service-metrics.ts (see there for what counts), cut into
// equal time buckets for the charts: from the rollups on PostgreSQL (a rollup minute, or hour when
// the buckets are whole hours, falls in the bucket where it starts), from raw spans on Citus
// (partition pruning and spans_start_ns_brin).

export type GetServiceSeriesOptions = { startNs: bigint; endNs: bigint; buckets: number };
export type SeriesPoint = LatencyStats & { service: string; bucketStartMs: number };

type Row = AggregateColumns & { service: string; bucket: number };

/** Per service and per time bucket: requests, errors and latency percentiles; empty buckets are absent. */
export const getServiceSeries = async ({ startNs, endNs, buckets }: GetServiceSeriesOptions): Promise<SeriesPoint[]> => {
  const widthNs = (endNs - startNs) / BigInt(buckets) + 1n;
  if (!(await isCitusStore())) {
    // buckets of half an hour or more (windows of 15 hours and up) become whole hours from the
    // hour, so they are read from hour rows: 7 days is then ~168 rows per operation, not ~10,000
    const snap = widthNs >= HOUR_NS / 2n;
    const bucketNs = snap ? ((widthNs + HOUR_NS - 1n) / HOUR_NS) * HOUR_NS : widthNs;
    const originNs = snap ? (startNs / HOUR_NS) * HOUR_NS : startNs;
    const rows = await readRequestRollups({ startNs, endNs, bucketNs, originNs });
    const cells = new Map<string, RequestRollupRow[]>();
    for (const r of rows) {
      const key = JSON.stringify([r.service, r.bucket]);
      const of = cells.get(key);
      if (of) of.push(r);
      else cells.set(key, [r]);
    }
    return [...cells.values()]
      .map((of) => {
        const at = originNs + BigInt(of[0].bucket!) * bucketNs;
        return { service: of[0].service, bucketStartMs: nsToMsNumber(at > startNs ? at : startNs), ...rollupLatencyStats(of) };
      })
      .sort((a, b) => a.service.localeCompare(b.service) || a.bucketStartMs - b.bucketStartMs);
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
