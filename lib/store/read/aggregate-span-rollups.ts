import { DURATION_BUCKETS_PER_OCTAVE } from '@/lib/model/duration-buckets';
import { sketchPercentile, sketchValueOf } from '@/lib/model/latency-sketch';
import { StatusCode } from '@/lib/model/span-record';
import { db } from '@/lib/store/db';
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

const ERROR = Prisma.raw(String(StatusCode.ERROR));

type Row = HistogramColumns & { k: unknown[]; b: number; n: bigint; e: bigint };

const p = (h: HistogramColumns, q: number) => sketchPercentile(histogramPairs(h), q);

export const aggregateSpanRollups = async (o: AggregateSpansOptions): Promise<AggregateSpansResult> => {
  const keys = await Promise.all(o.keys.map(keySql));
  const where = await spanConditionSql(o.where);
  const hours = o.stepNs >= HOUR_NS;
  const rows = await spanRollupRows({ startNs: o.startNs, endNs: o.endNs, hours });
  const keyArray = keys.length === 0 ? Prisma.sql`'[]'::jsonb` : Prisma.sql`jsonb_build_array(${Prisma.join(keys.map((k) => Prisma.sql`${k.sql}`), ', ')})`;
  const found = await withHeavyQuery(() => db().$queryRaw<Row[]>`
    WITH r AS MATERIALIZED (
      SELECT ${keyArray} AS k, ${rollupBucketSql(o.startNs, o.stepNs, hours, 's')} AS b, s.status_code, s.count, s.buckets, s.counts
      FROM ${rows} s JOIN operations o ON o.id = s.operation_id JOIN services sv ON sv.id = s.service_id
      WHERE ${where}
    ), totals AS (
      SELECT k, b, sum(count) AS n, COALESCE(sum(count) FILTER (WHERE status_code = ${ERROR}), 0) AS e FROM r GROUP BY 1, 2
    ), cells AS (
      SELECT r.k, r.b, u.ub AS hb, sum(u.un)::float8 AS n FROM r, unnest(r.buckets, r.counts) AS u(ub, un) GROUP BY 1, 2, 3
    ), hist AS (
      SELECT k, b, array_agg(hb::int ORDER BY hb) AS hb, array_agg(n ORDER BY hb) AS hn FROM cells GROUP BY 1, 2
    )
    SELECT t.k, t.b, t.n::int8 AS n, t.e::int8 AS e, h.hb, h.hn FROM totals t JOIN hist h USING (k, b)`);
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
