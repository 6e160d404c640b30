// The latency histogram of the rollups (lib/store/write/aggregate-rollups.ts): fixed, mergeable
// buckets of span durations in ns, fine enough that a percentile read from merged buckets is
// within 2% (relative) of the nearest-rank percentile of the raw durations.
//
// Bucket ids: a duration d < EXACT_BELOW ns has its own bucket, id d (exact). Above, the buckets
// are DDSketch's log buckets: id EXACT_BELOW + k holds d in (γ^(k-1), γ^k] with k = ⌈ln d / ln γ⌉,
// and is represented by r = 2γ^k / (γ + 1), rounded to whole ns. Every d in the bucket is within
// α = (γ − 1)/(γ + 1) of r, and rounding adds at most 0.5/d ≤ 0.5/EXACT_BELOW:
// with γ = 1.039, α + 0.5/1024 = 0.01913 + 0.00049 < 0.02. Ids are ascending in duration, so the
// nearest-rank percentile's bucket is the first whose cumulative count reaches ⌈p·n⌉, and its
// representative is within 2% of the raw percentile (lib/model/latency-sketch.test.ts proves it
// against a brute force). Ids stay below 2,200 for any int64 duration (they are stored as int2).

export const SKETCH_GAMMA = 1.039;
const LN_GAMMA = Math.log(SKETCH_GAMMA);
export const EXACT_BELOW = 1024;
/** the bound the tests hold the sketch to */
export const SKETCH_MAX_RELATIVE_ERROR = 0.02;

/** The bucket id of a duration in ns (negative durations count as 0). */
export const sketchBucketOf = (durationNs: number): number => {
  if (durationNs < EXACT_BELOW) return durationNs <= 0 ? 0 : Math.floor(durationNs);
  return EXACT_BELOW + Math.ceil(Math.log(durationNs) / LN_GAMMA);
};

/** The duration in ns a bucket id stands for. */
export const sketchValueOf = (bucket: number): bigint => {
  if (bucket < EXACT_BELOW) return BigInt(bucket);
  const k = bucket - EXACT_BELOW;
  return BigInt(Math.round((2 * SKETCH_GAMMA ** k) / (SKETCH_GAMMA + 1)));
};

/**
 * The nearest-rank percentile p (0 < p ≤ 1) of a histogram given as [bucket, count] pairs in
 * ascending bucket order: the rank is ⌈p·n⌉ computed in float8 as PostgreSQL's percentile_disc does.
 */
export const sketchPercentile = (pairs: readonly (readonly [number, number])[], p: number): bigint => {
  let total = 0;
  for (const [, n] of pairs) total += n;
  if (total === 0) return 0n;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [b, n] of pairs) {
    seen += n;
    if (seen >= rank) return sketchValueOf(b);
  }
  return sketchValueOf(pairs[pairs.length - 1][0]);
};

/** One more than the highest bucket id of any int64 duration (1024 + ⌈ln 2^63 / ln γ⌉ = 2,166). */
export const SKETCH_BUCKETS = 2_200;

/**
 * The nearest-rank percentiles `ps` (ascending) of a histogram held densely, counts indexed by
 * bucket id: each the same as sketchPercentile on its pairs, in one pass.
 */
export const sketchPercentilesDense = (counts: Float64Array, ps: readonly number[]): bigint[] => {
  let total = 0;
  for (let b = 0; b < counts.length; b++) total += counts[b];
  if (total === 0) return ps.map(() => 0n);
  const out: bigint[] = [];
  let seen = 0;
  let b = -1;
  for (const p of ps) {
    const rank = Math.max(1, Math.ceil(p * total));
    while (seen < rank && b < counts.length - 1) seen += counts[++b];
    out.push(sketchValueOf(b));
  }
  return out;
};
