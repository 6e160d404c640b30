import { DURATION_BUCKETS_PER_OCTAVE } from '@/lib/model/duration-buckets';
import { SKETCH_BUCKETS, sketchPercentile, sketchValueOf } from '@/lib/model/latency-sketch';
import { StatusCode } from '@/lib/model/span-record';
import { pool } from '@/lib/store/db';
import { Prisma } from '@/lib/store/generated/client';
import { withHeavyQuery } from '@/lib/store/read-budget';
import { keySql, type AggregateSeriesPoint, type AggregateSpansOptions, type AggregateSpansResult } from './aggregate-spans';
import { spanConditionSql } from './filter-condition-sql';
import { HOUR_NS } from '@/lib/model/units';
import { histText, readHistText } from '@/lib/store/write/aggregate-rollups';
import { rollupBucketSql, spanRollupRows } from './rollup-sql';

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

/** A running total; its histogram as bucket id → count. */
type Tally = { n: number; e: number; hist: Map<number, number> };
type GroupTally = Tally & { key: unknown[]; id: string; series: Map<number, Tally> };

const newTally = (): Tally => ({ n: 0, e: 0, hist: new Map() });
const percentile = (hist: Map<number, number>, q: number) => sketchPercentile([...hist].sort((a, b) => a[0] - b[0]), q);
/** the numbers of one row's histogram (at most SKETCH_BUCKETS ids and as many counts) */
const scratch = new Float64Array(2 * SKETCH_BUCKETS);

export const aggregateSpanRollups = async (o: AggregateSpansOptions): Promise<AggregateSpansResult> => {
  const keys = await Promise.all(o.keys.map(keySql));
  const where = await spanConditionSql(o.where);
  const hours = o.stepNs >= HOUR_NS;
  const rows = await spanRollupRows({ startNs: o.startNs, endNs: o.endNs, hours, endsNow: o.endsNow });
  const keyArray = keys.length === 0 ? Prisma.sql`'[]'::jsonb` : Prisma.sql`jsonb_build_array(${Prisma.join(keys.map((k) => Prisma.sql`${k.sql}`), ', ')})`;
  // The matching rows as they are, added up here (as read-request-rollups.ts: cheaper than in
  // SQL): the key as text, parsed once per group, and the histogram as text (readHistText); read
  // as jsonb and arrays, node-pg's parsers took most of a day's answer (~1 s at 10M density).
  const query = Prisma.sql`
    SELECT ${keyArray}::text, ${rollupBucketSql(o.startNs, o.stepNs, hours, 's')}, s.status_code::int, s.count::text, COALESCE(s.hist, ${Prisma.raw(histText('s'))})
    FROM ${rows} s JOIN operations o ON o.id = s.operation_id JOIN services sv ON sv.id = s.service_id
    WHERE ${where}`;
  type Raw = [k: string, b: number, status: number, count: string, hist: string];
  const raw = await withHeavyQuery(() => pool().query<Raw>({ text: query.text, values: query.values, rowMode: 'array' }));
  const groups = new Map<string, GroupTally>();
  const all = new Float64Array(SKETCH_BUCKETS); // every matching span, for the duration histogram
  for (const [k, b, status, count, text] of raw.rows) {
    let g = groups.get(k);
    if (!g) {
      const key = JSON.parse(k) as unknown[];
      groups.set(k, (g = { ...newTally(), key, id: JSON.stringify(key), series: new Map() }));
    }
    let cell = g.series.get(b);
    if (!cell) g.series.set(b, (cell = newTally()));
    const n = Number(count);
    const e = status === StatusCode.ERROR ? n : 0;
    g.n += n;
    g.e += e;
    cell.n += n;
    cell.e += e;
    const half = readHistText(text, scratch);
    for (let i = 0; i < half; i++) {
      const id = scratch[i];
      const v = scratch[half + i];
      g.hist.set(id, (g.hist.get(id) ?? 0) + v);
      cell.hist.set(id, (cell.hist.get(id) ?? 0) + v);
      all[id] += v;
    }
  }
  const ordered = [...groups.values()].sort((a, b) => b.n - a.n || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // the duration histogram of every matching span, sketch buckets placed at their values
  const bars = new Map<number, bigint>();
  for (let id = 0; id < all.length; id++) {
    if (all[id] === 0) continue;
    const v = Number(sketchValueOf(id));
    const bar = v <= 0 ? -1 : Math.floor((Math.log(v) / Math.LN2) * DURATION_BUCKETS_PER_OCTAVE);
    bars.set(bar, (bars.get(bar) ?? 0n) + BigInt(all[id]));
  }
  return {
    groups: ordered.slice(0, o.maxGroups).map((g) => ({
      key: g.key.map((v, i) => keys[i].read(v)),
      count: BigInt(g.n),
      errorCount: BigInt(g.e),
      p50Ns: percentile(g.hist, 0.5),
      p95Ns: percentile(g.hist, 0.95),
      p99Ns: percentile(g.hist, 0.99),
      series: [...g.series]
        .sort((a, b) => a[0] - b[0])
        .map(([bucket, c]): AggregateSeriesPoint => ({ bucket, count: BigInt(c.n), errorCount: BigInt(c.e), p95Ns: percentile(c.hist, 0.95) })),
    })),
    totalGroups: groups.size,
    histogram: [...bars].sort((a, b) => a[0] - b[0]),
  };
};
