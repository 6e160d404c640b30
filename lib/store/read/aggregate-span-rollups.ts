import { DURATION_BUCKETS_PER_OCTAVE } from '@/lib/model/duration-buckets';
import { sketchPercentile, sketchValueOf } from '@/lib/model/latency-sketch';
import { StatusCode } from '@/lib/model/span-record';
import { pool } from '@/lib/store/db';
import { Prisma } from '@/lib/store/generated/client';
import { withHeavyQuery } from '@/lib/store/read-budget';
import { keySql, type AggregateSeriesPoint, type AggregateSpansOptions, type AggregateSpansResult } from './aggregate-spans';
import { spanConditionSql } from './filter-condition-sql';
import { mergeHistograms } from './read-request-rollups';
import { HOUR_NS } from '@/lib/model/units';
import { histogramPairs, rollupBucketSql, spanRollupRows, type HistogramColumns } from './rollup-sql';

// Span analytics (aggregate-spans.ts) answered from the per-minute rollups, for questions that
// read only rollup keys (lib/filter/is-rollup-answerable.ts): service, operation, kind, status.
// The rollup rows are aliased `s` (their service_id, operation_id and status_code are what the
// filter compiler reads of a span for those terms). Differences from the raw answer, by design:
// - the window is the minutes that start in it, and a minute falls in the series bucket of its start;
// - percentiles are nearest-rank within 2% (lib/model/latency-sketch.ts);
// - the duration histogram puts each sketch bucket at its value, so a span within 2% of a
//   histogram edge may be counted in the neighbouring bar;
// - counts are of spans once each (the rollups' duplicate rule, aggregate-rollups.ts), the raw
//   answer counts stored rows: they differ only by copies of a retried batch.

type Row = HistogramColumns & { k: unknown[]; b: number; n: bigint; e: bigint };

const p = (h: HistogramColumns, q: number) => sketchPercentile(histogramPairs(h), q);

export const aggregateSpanRollups = async (o: AggregateSpansOptions): Promise<AggregateSpansResult> => {
  const keys = await Promise.all(o.keys.map(keySql));
  const where = await spanConditionSql(o.where);
  const hours = o.stepNs >= HOUR_NS;
  const rows = await spanRollupRows({ startNs: o.startNs, endNs: o.endNs, hours });
  const keyArray = keys.length === 0 ? Prisma.sql`'[]'::jsonb` : Prisma.sql`jsonb_build_array(${Prisma.join(keys.map((k) => Prisma.sql`${k.sql}`), ', ')})`;
  // the matching rows as they are, merged here (as read-request-rollups.ts: cheaper than in SQL)
  const query = Prisma.sql`
    SELECT ${keyArray}, ${rollupBucketSql(o.startNs, o.stepNs, hours, 's')}, s.status_code::int, s.count::text, s.buckets::int[], s.counts::float8[]
    FROM ${rows} s JOIN operations o ON o.id = s.operation_id JOIN services sv ON sv.id = s.service_id
    WHERE ${where}`;
  type Raw = [k: unknown[], b: number, status: number, count: string, buckets: number[], counts: number[]];
  const raw = await withHeavyQuery(() => pool().query<Raw>({ text: query.text, values: query.values, rowMode: 'array' }));
  const cells = new Map<string, { k: unknown[]; b: number; n: bigint; e: bigint; hist: Map<number, number> }>();
  for (const [k, b, status, count, buckets, counts] of raw.rows) {
    const id = `${JSON.stringify(k)}\u0000${b}`;
    let c = cells.get(id);
    if (!c) cells.set(id, (c = { k, b, n: 0n, e: 0n, hist: new Map() }));
    c.n += BigInt(count);
    if (status === StatusCode.ERROR) c.e += BigInt(count);
    for (let i = 0; i < buckets.length; i++) c.hist.set(buckets[i], (c.hist.get(buckets[i]) ?? 0) + counts[i]);
  }
  const found: Row[] = [...cells.values()].map(({ hist, ...c }) => {
    const hb = [...hist.keys()].sort((x, y) => x - y);
    return { ...c, hb, hn: hb.map((x) => hist.get(x)!) };
  });
  type Acc = { k: unknown[]; count: bigint; errorCount: bigint; parts: HistogramColumns[]; series: AggregateSeriesPoint[] };
  const groups = new Map<string, Acc>();
  for (const r of found) {
    const id = JSON.stringify(r.k);
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { k: r.k, count: 0n, errorCount: 0n, parts: [], series: [] }));
    g.count += BigInt(r.n);
    g.errorCount += BigInt(r.e);
    g.parts.push(r);
    g.series.push({ bucket: r.b, count: BigInt(r.n), errorCount: BigInt(r.e), p95Ns: p(r, 0.95) });
  }
  const ordered = [...groups.entries()].sort((a, b) => (a[1].count === b[1].count ? (a[0] < b[0] ? -1 : 1) : a[1].count > b[1].count ? -1 : 1));
  // the duration histogram of every matching span, sketch buckets placed at their values
  const bars = new Map<number, bigint>();
  const all = mergeHistograms(found);
  for (let i = 0; i < all.hb.length; i++) {
    const v = Number(sketchValueOf(all.hb[i]));
    const bar = v <= 0 ? -1 : Math.floor((Math.log(v) / Math.LN2) * DURATION_BUCKETS_PER_OCTAVE);
    bars.set(bar, (bars.get(bar) ?? 0n) + BigInt(all.hn[i]));
  }
  return {
    groups: ordered.slice(0, o.maxGroups).map(([, g]) => {
      const h = mergeHistograms(g.parts);
      return {
        key: g.k.map((v, i) => keys[i].read(v)),
        count: g.count,
        errorCount: g.errorCount,
        p50Ns: p(h, 0.5),
        p95Ns: p(h, 0.95),
        p99Ns: p(h, 0.99),
        series: g.series.sort((a, b) => a.bucket - b.bucket),
      };
    }),
    totalGroups: groups.size,
    histogram: [...bars].sort((a, b) => a[0] - b[0]),
  };
};
