import { SKETCH_BUCKETS, sketchPercentilesDense } from '@/lib/model/latency-sketch';
import { StatusCode } from '@/lib/model/span-record';
import { pool } from '@/lib/store/db';
import { Prisma } from '@/lib/store/generated/client';
import { withHeavyQuery } from '@/lib/store/read-budget';
import { HOUR_NS } from '@/lib/model/units';
import { histText, readHistText } from '@/lib/store/write/aggregate-rollups';
import { rollupBucketSql, spanRollupRows } from './rollup-sql';

// The services page's requests (get-service-metrics.ts says what counts: entry spans, i.e. SERVER
// or CONSUMER spans and roots of any kind) read from the per-minute rollups instead of spans:
// per service × operation (× a time bucket, for the series), the request and error counts and
// the merged latency histogram. Each span counts once, as the raw reads did (the rollups' duplicate
// rule, lib/store/write/aggregate-rollups.ts); percentiles are nearest-rank within 2%.

export type ReadRequestRollupsOptions = {
  startNs: bigint;
  endNs: bigint;
  /** also per service × time bucket of this width from originNs (default startNs); a rollup row falls in the bucket of its start */
  bucketNs?: bigint;
  originNs?: bigint;
  /** the window ends now (RollupWindow) */
  endsNow?: boolean;
};

/** Requests, errors and latency percentiles (ns) of some entry spans. */
export type RequestStats = { requests: number; errors: number; p50: bigint; p95: bigint; p99: bigint };

export type RequestRollupStats = {
  services: (RequestStats & { service: string })[];
  operations: (RequestStats & { service: string; operation: string; kind: number })[];
  /** per service and bucket (only with bucketNs), ordered by service then bucket */
  series: (RequestStats & { service: string; bucket: number })[];
};

type Raw = [service: string, operation: string, kind: number, bucket: number | null, status: number, count: string, pairs: string];

/** A running total: its histogram dense, counts indexed by bucket id. */
type Tally = { requests: number; errors: number; hist: Float64Array };

/**
 * Request counts, errors and percentiles per service, per operation and (with bucketNs) per
 * service × bucket in the window, from the entry rows of the rollups. The rows are read as they
 * are and added up here, each into its three tallies: merging histograms in SQL (unnest, group,
 * array_agg) took 4× longer than reading them through the pg pool (measured at 1M spans).
 */
export const readRequestRollupStats = async ({ startNs, endNs, bucketNs, originNs = startNs, endsNow }: ReadRequestRollupsOptions): Promise<RequestRollupStats> => {
  // hour rows only where a bucket is at least an hour wide: otherwise the chart needs minutes
  const hours = bucketNs === undefined || bucketNs >= HOUR_NS;
  const rows = await spanRollupRows({ startNs, endNs, hours, endsNow });
  const bucket = bucketNs === undefined ? Prisma.sql`NULL::int` : Prisma.sql`${rollupBucketSql(originNs, bucketNs, hours)}`;
  const query = Prisma.sql`
    SELECT sv.name, o.name, o.kind::int, ${bucket}, r.status_code::int, r.count::text, COALESCE(r.hist, ${Prisma.raw(histText('r'))})
    FROM ${rows} r JOIN operations o ON o.id = r.operation_id JOIN services sv ON sv.id = r.service_id
    WHERE r.entry`;
  // the tally inside the heavy slot: it is most of this read's CPU (read-budget.ts)
  return withHeavyQuery(async () => {
    const found = await pool().query<Raw>({ text: query.text, values: query.values, rowMode: 'array' });
    const services = new Map<string, Tally & { service: string }>();
    const operations = new Map<string, Tally & { service: string; operation: string; kind: number }>();
    const series = new Map<string, Tally & { service: string; bucket: number }>();
    const newTally = () => ({ requests: 0, errors: 0, hist: new Float64Array(SKETCH_BUCKETS) });
    for (const [service, operation, kind, b, status, count, pairs] of found.rows) {
      const n = Number(count);
      const errors = status === StatusCode.ERROR ? n : 0;
      const half = readHistText(pairs, scratch);
      const add = (t: Tally) => {
        t.requests += n;
        t.errors += errors;
        for (let i = 0; i < half; i++) t.hist[scratch[i]] += scratch[half + i];
      };
      let s = services.get(service);
      if (!s) services.set(service, (s = { service, ...newTally() }));
      add(s);
      const opKey = `${service}\u0000${operation}\u0000${kind}`;
      let o = operations.get(opKey);
      if (!o) operations.set(opKey, (o = { service, operation, kind, ...newTally() }));
      add(o);
      if (b !== null) {
        const seriesKey = `${service}\u0000${b}`;
        let p = series.get(seriesKey);
        if (!p) series.set(seriesKey, (p = { service, bucket: b, ...newTally() }));
        add(p);
      }
    }
    const stats = <T extends Tally>({ hist, ...rest }: T) => {
      const [p50, p95, p99] = sketchPercentilesDense(hist, [0.5, 0.95, 0.99]);
      return { ...rest, p50, p95, p99 };
    };
    const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return {
      services: [...services.values()].map(stats).sort((a, b) => byName(a.service, b.service)),
      operations: [...operations.values()].map(stats).sort((a, b) => byName(a.service, b.service) || byName(a.operation, b.operation) || a.kind - b.kind),
      series: [...series.values()].map(stats).sort((a, b) => byName(a.service, b.service) || a.bucket - b.bucket),
    };
  });
};

/** the numbers of one row's histogram (at most SKETCH_BUCKETS ids and as many counts) */
const scratch = new Float64Array(2 * SKETCH_BUCKETS);
