import { DURATION_BUCKETS_PER_OCTAVE } from '@/lib/model/duration-buckets';
import { EXACT_BELOW, SKETCH_BUCKETS, SKETCH_GAMMA, sketchPercentile, sketchValueOf } from '@/lib/model/latency-sketch';
import { readHistText } from '@/lib/store/write/aggregate-rollups';
import type { AggregateSeriesPoint, AggregateSpansResult, KeyValue } from './aggregate-spans';

// The one way span analytics turns rows of latency sketches into an answer, whether the rows come
// from the rollups (aggregate-span-rollups.ts) or from raw spans added up by sketch bucket in SQL
// (aggregate-spans.ts): a row is a group's key (as JSON text), a series bucket, a span count, an
// error count and a histogram as text (histText: bucket ids, then their counts). Percentiles are
// then nearest-rank within 2% (lib/model/latency-sketch.ts), the same from either source.

/**
 * The SQL of sketchBucketOf for an int8 duration column: the same ids (a duration on a bucket's
 * very edge may land one bucket over when PostgreSQL's ln and V8's differ in the last bit; either
 * bucket's value is within the sketch's 2% of it). lib/store/read/sketch-bucket-sql.int.test.ts
 * compares the two.
 */
export const sketchBucketSql = (column: string) =>
  `CASE WHEN ${column} < ${EXACT_BELOW} THEN GREATEST(${column}, 0)::int ELSE ${EXACT_BELOW} + ceil(ln(${column}::float8) / ${Math.log(SKETCH_GAMMA)}::float8)::int END`;

/** A running total; its histogram as bucket id → count. */
type Tally = { n: number; e: number; hist: Map<number, number> };
export type GroupTally = Tally & { key: unknown[]; id: string; series: Map<number, Tally> };

/** [key as JSON text, series bucket, spans, errors, histogram text] */
export type SketchRow = [k: string, b: number, n: string, e: string, hist: string, ...more: unknown[]];

const newTally = (): Tally => ({ n: 0, e: 0, hist: new Map() });
const percentile = (hist: Map<number, number>, q: number) => sketchPercentile([...hist].sort((a, b) => a[0] - b[0]), q);
/** the numbers of one row's histogram (at most SKETCH_BUCKETS ids and as many counts) */
const scratch = new Float64Array(2 * SKETCH_BUCKETS);

/** The rows added up per group (first seen first) and per series bucket; `all` gets every row's histogram. */
export const tallySketchRows = (rows: SketchRow[], all?: Float64Array): Map<string, GroupTally> => {
  const groups = new Map<string, GroupTally>();
  for (const [k, b, count, errors, text] of rows) {
    let g = groups.get(k);
    if (!g) {
      const key = JSON.parse(k) as unknown[];
      groups.set(k, (g = { ...newTally(), key, id: JSON.stringify(key), series: new Map() }));
    }
    let cell = g.series.get(b);
    if (!cell) g.series.set(b, (cell = newTally()));
    const n = Number(count);
    const e = Number(errors);
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
      if (all) all[id] += v;
    }
  }
  return groups;
};

/** The duration histogram of dense sketch counts: each sketch bucket placed at its value. */
export const sketchHistogram = (all: Float64Array): [number, bigint][] => {
  const bars = new Map<number, bigint>();
  for (let id = 0; id < all.length; id++) {
    if (all[id] === 0) continue;
    const v = Number(sketchValueOf(id));
    const bar = v <= 0 ? -1 : Math.floor((Math.log(v) / Math.LN2) * DURATION_BUCKETS_PER_OCTAVE);
    bars.set(bar, (bars.get(bar) ?? 0n) + BigInt(all[id]));
  }
  return [...bars].sort((a, b) => a[0] - b[0]);
};

/** The answer of `groups` in the order given, each key read back by its reader. */
export const sketchAnswer = (groups: GroupTally[], read: ((v: unknown) => KeyValue)[], totalGroups: number, histogram: [number, bigint][]): AggregateSpansResult => ({
  groups: groups.map((g) => ({
    key: g.key.map((v, i) => read[i](v)),
    count: BigInt(g.n),
    errorCount: BigInt(g.e),
    p50Ns: percentile(g.hist, 0.5),
    p95Ns: percentile(g.hist, 0.95),
    p99Ns: percentile(g.hist, 0.99),
    series: [...g.series]
      .sort((a, b) => a[0] - b[0])
      .map(([bucket, c]): AggregateSeriesPoint => ({ bucket, count: BigInt(c.n), errorCount: BigInt(c.e), p95Ns: percentile(c.hist, 0.95) })),
  })),
  totalGroups,
  histogram,
});
