import { describe, expect, test } from 'vitest';
import { sketchBucketOf, sketchPercentile, sketchPercentilesDense, sketchValueOf, SKETCH_BUCKETS, SKETCH_MAX_RELATIVE_ERROR } from './latency-sketch';

// The bound the rollups promise: a percentile from the merged buckets within 2% of nearest-rank.

const nearestRank = (sorted: number[], p: number) => sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];

const histogramOf = (durations: number[]) => {
  const m = new Map<number, number>();
  for (const d of durations) m.set(sketchBucketOf(d), (m.get(sketchBucketOf(d)) ?? 0) + 1);
  return [...m].sort((a, b) => a[0] - b[0]);
};

describe('latency sketch', () => {
  test('every duration lies within 2% of its bucket\'s value, over ns to days, and ids are ascending', () => {
    let worst = 0;
    let previous = -1;
    // every integer below 5,000 ns, then a geometric sweep with the edges of every bucket
    const values: number[] = [];
    for (let d = 0; d < 5_000; d++) values.push(d);
    for (let d = 5_000; d < 1e15; d *= 1.003) values.push(Math.floor(d), Math.ceil(d));
    for (const d of values) {
      const b = sketchBucketOf(d);
      expect(b).toBeGreaterThanOrEqual(previous);
      previous = b;
      const v = Number(sketchValueOf(b));
      if (d > 0) worst = Math.max(worst, Math.abs(v - d) / d);
      else expect(v).toBe(0);
    }
    expect(worst).toBeLessThan(SKETCH_MAX_RELATIVE_ERROR);
    expect(worst).toBeGreaterThan(0.015); // the buckets are not needlessly fine
    expect(sketchBucketOf(2 ** 63)).toBeLessThan(32_767);
  });

  test('percentiles of merged histograms are within 2% of nearest-rank on the raw durations', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 50; run++) {
      const n = 1 + Math.floor(random() * 3_000);
      // log-normal-ish durations from 1 µs to minutes, with a spike of equal values
      const durations = Array.from({ length: n }, () => Math.floor(Math.exp(7 + random() * 17)));
      for (let i = 0; i < n / 10; i++) durations.push(42_000_000);
      // merge two halves as the rollups do (sum the counts of equal buckets)
      const half = Math.floor(durations.length / 2);
      const merged = new Map<number, number>();
      for (const part of [durations.slice(0, half), durations.slice(half)]) for (const [b, c] of histogramOf(part)) merged.set(b, (merged.get(b) ?? 0) + c);
      const pairs = [...merged].sort((a, b) => a[0] - b[0]);
      const sorted = [...durations].sort((a, b) => a - b);
      for (const p of [0.01, 0.5, 0.9, 0.95, 0.99, 0.999, 1]) {
        const exact = nearestRank(sorted, p);
        const approx = Number(sketchPercentile(pairs, p));
        expect(Math.abs(approx - exact) / exact).toBeLessThan(SKETCH_MAX_RELATIVE_ERROR);
      }
      // the dense form (the services page's) gives the same bucket for every percentile
      const dense = new Float64Array(SKETCH_BUCKETS);
      for (const [b, c] of pairs) dense[b] += c;
      const ps = [0.01, 0.5, 0.9, 0.95, 0.99, 0.999, 1];
      expect(sketchPercentilesDense(dense, ps)).toEqual(ps.map((p) => sketchPercentile(pairs, p)));
    }
  });

  test('an empty histogram has 0 for every percentile; small durations are exact', () => {
    expect(sketchPercentile([], 0.5)).toBe(0n);
    expect(sketchPercentile(histogramOf([10, 20, 30, 40]), 0.5)).toBe(20n);
    expect(sketchPercentile(histogramOf([10, 20, 30, 40]), 0.95)).toBe(40n);
    expect(sketchPercentilesDense(new Float64Array(SKETCH_BUCKETS), [0.5, 0.99])).toEqual([0n, 0n]);
    expect(sketchBucketOf(2 ** 63)).toBeLessThan(SKETCH_BUCKETS);
  });
});
