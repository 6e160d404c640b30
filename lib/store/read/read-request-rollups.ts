import { StatusCode } from '@/lib/model/span-record';
import { pool } from '@/lib/store/db';
import { Prisma } from '@/lib/store/generated/client';
import { withHeavyQuery } from '@/lib/store/read-budget';
import { HOUR_NS } from '@/lib/model/units';
import { rollupBucketSql, spanRollupRows, type HistogramColumns } from './rollup-sql';

// The services page's requests (get-service-metrics.ts says what counts: entry spans, i.e. SERVER
// or CONSUMER spans and roots of any kind) read from the per-minute rollups instead of spans:
// per service × operation (× a time bucket, for the series), the request and error counts and
// the merged latency histogram. Each span counts once, as the raw reads did (the rollups' duplicate
// rule, lib/store/write/aggregate-rollups.ts); percentiles are nearest-rank within 2%.


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

type Raw = [service: string, operation: string, kind: number, bucket: number | null, status: number, count: string, pairs: string];

/** Request counts, errors and merged histograms per service × operation (× bucket) in the window. */
export const readRequestRollups = async ({ startNs, endNs, bucketNs, originNs = startNs }: ReadRequestRollupsOptions): Promise<RequestRollupRow[]> => {
  // hour rows only where a bucket is at least an hour wide: otherwise the chart needs minutes
  const hours = bucketNs === undefined || bucketNs >= HOUR_NS;
  const rows = await spanRollupRows({ startNs, endNs, hours });
  const bucket = bucketNs === undefined ? Prisma.sql`NULL::int` : Prisma.sql`${rollupBucketSql(originNs, bucketNs, hours)}`;
  // The entry rows as they are, merged here: a day is ~10,000 hour rows of ~16 buckets each, and
  // merging their histograms in SQL (unnest, group, array_agg) took 4× longer than reading them
  // through the pg pool and merging in a Map (measured at 1M spans).
  const query = Prisma.sql`
    SELECT sv.name, o.name, o.kind::int, ${bucket}, r.status_code::int, r.count::text, array_to_string(r.buckets || r.counts, ',')
    FROM ${rows} r JOIN operations o ON o.id = r.operation_id JOIN services sv ON sv.id = r.service_id
    WHERE r.entry`;
  const found = await withHeavyQuery(() => pool().query<Raw>({ text: query.text, values: query.values, rowMode: 'array' }));
  type Acc = RequestRollupRow & { hist: Map<number, number> };
  const groups = new Map<string, Acc>();
  for (const [service, operation, kind, b, status, count, pairs] of found.rows) {
    const id = `${service}\u0000${operation}\u0000${kind}\u0000${b}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { service, operation, kind, bucket: b, requests: 0, errors: 0, hb: [], hn: [], hist: new Map() }));
    const n = Number(count);
    g.requests += n;
    if (status === StatusCode.ERROR) g.errors += n;
    addPairs(g.hist, pairs);
  }
  return [...groups.values()]
    .map(({ hist, ...g }) => {
      const hb = [...hist.keys()].sort((a, b) => a - b);
      return { ...g, hb, hn: hb.map((b) => hist.get(b)!) };
    })
    .sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : a.operation < b.operation ? -1 : a.operation > b.operation ? 1 : a.kind - b.kind || (a.bucket ?? 0) - (b.bucket ?? 0)));
};

/**
 * Adds a rollup row's histogram to `hist`. It comes as one text, its bucket ids then their counts
 * ("3,4,9,1,5,2": the two arrays concatenated), read by this loop: node-pg's generic parser of
 * array columns and the objects it made took half of a services-page answer's CPU (a day is
 * ~12,000 hour rows of ~30 buckets each; measured with --cpu-prof).
 */
const addPairs = (hist: Map<number, number>, pairs: string) => {
  const parts = pairs.split(',');
  const half = parts.length / 2;
  for (let i = 0; i < half; i++) {
    const b = +parts[i];
    hist.set(b, (hist.get(b) ?? 0) + +parts[half + i]);
  }
};

/** Merges histograms given as [bucket, count] pairs into one, ascending. */
export const mergeHistograms = (parts: HistogramColumns[]): HistogramColumns => {
  const m = new Map<number, number>();
  for (const p of parts) for (let i = 0; i < p.hb.length; i++) m.set(p.hb[i], (m.get(p.hb[i]) ?? 0) + Number(p.hn[i]));
  const hb = [...m.keys()].sort((a, b) => a - b);
  return { hb, hn: hb.map((b) => m.get(b)!) };
};
