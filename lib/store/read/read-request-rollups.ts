import { SpanKind, StatusCode } from '@/lib/model/span-record';
import { db } from '@/lib/store/db';
import { Prisma } from '@/lib/store/generated/client';
import { withHeavyQuery } from '@/lib/store/read-budget';
import { HOUR_NS } from '@/lib/model/units';
import { rollupBucketSql, spanRollupRows, type HistogramColumns } from './rollup-sql';

// The services page's requests (get-service-metrics.ts says what counts: entry spans, i.e. SERVER
// or CONSUMER spans and roots of any kind) read from the per-minute rollups instead of spans:
// per service × operation (× a time bucket, for the series), the request and error counts and
// the merged latency histogram. Each span counts once, as the raw reads did (the rollups' duplicate
// rule, lib/store/write/aggregate-rollups.ts); percentiles are nearest-rank within 2%.

const ERROR = Prisma.raw(String(StatusCode.ERROR));
const ENTRY_KINDS = Prisma.raw(`${SpanKind.SERVER}, ${SpanKind.CONSUMER}`);

export type RequestRollupRow = HistogramColumns & {
  service: string;
  operation: string;
  kind: number;
  /** the time bucket, when asked for */
  bucket: number | null;
  requests: number;
  errors: number;
};

export type ReadRequestRollupsOptions = {
  startNs: bigint;
  endNs: bigint;
  /** cut into buckets of this width from originNs (default startNs); a rollup row falls in the bucket of its start */
  bucketNs?: bigint;
  originNs?: bigint;
};

type Raw = Omit<RequestRollupRow, 'requests' | 'errors'> & { requests: bigint; errors: bigint };

/** Request counts, errors and merged histograms per service × operation (× bucket) in the window. */
export const readRequestRollups = async ({ startNs, endNs, bucketNs, originNs = startNs }: ReadRequestRollupsOptions): Promise<RequestRollupRow[]> => {
  // hour rows only where a bucket is at least an hour wide: otherwise the chart needs minutes
  const hours = bucketNs === undefined || bucketNs >= HOUR_NS;
  const rows = await spanRollupRows({ startNs, endNs, hours });
  const bucket = bucketNs === undefined ? Prisma.sql`NULL::int` : Prisma.sql`${rollupBucketSql(originNs, bucketNs, hours)}`;
  const found = await withHeavyQuery(() => db().$queryRaw<Raw[]>`
    WITH r AS MATERIALIZED (
      SELECT r.service_id, r.operation_id, ${bucket} AS bucket, r.status_code, r.count, r.buckets, r.counts
      FROM ${rows} r JOIN operations o ON o.id = r.operation_id
      WHERE o.kind IN (${ENTRY_KINDS}) OR r.root
    ), totals AS (
      SELECT service_id, operation_id, bucket, sum(count) AS requests, COALESCE(sum(count) FILTER (WHERE status_code = ${ERROR}), 0) AS errors
      FROM r GROUP BY 1, 2, 3
    ), cells AS (
      SELECT service_id, operation_id, bucket, u.b, sum(u.n)::float8 AS n
      FROM r, unnest(r.buckets, r.counts) AS u(b, n) GROUP BY 1, 2, 3, 4
    ), hist AS (
      SELECT service_id, operation_id, bucket, array_agg(b::int ORDER BY b) AS hb, array_agg(n ORDER BY b) AS hn FROM cells GROUP BY 1, 2, 3
    )
    SELECT sv.name AS service, o.name AS operation, o.kind::int AS kind, t.bucket, t.requests::int8 AS requests, t.errors::int8 AS errors, h.hb, h.hn
    FROM totals t JOIN hist h ON h.service_id = t.service_id AND h.operation_id = t.operation_id AND h.bucket IS NOT DISTINCT FROM t.bucket
    JOIN operations o ON o.id = t.operation_id JOIN services sv ON sv.id = t.service_id
    ORDER BY 1, 2, 3, 4`);
  return found.map((r) => ({ ...r, requests: Number(r.requests), errors: Number(r.errors) }));
};

/** Merges histograms given as [bucket, count] pairs into one, ascending. */
export const mergeHistograms = (parts: HistogramColumns[]): HistogramColumns => {
  const m = new Map<number, number>();
  for (const p of parts) for (let i = 0; i < p.hb.length; i++) m.set(p.hb[i], (m.get(p.hb[i]) ?? 0) + Number(p.hn[i]));
  const hb = [...m.keys()].sort((a, b) => a - b);
  return { hb, hn: hb.map((b) => m.get(b)!) };
};
