// The log-scaled duration buckets of the span analytics' histogram: bucket b holds durations in
// [2^(b/4), 2^((b+1)/4)) ns (about 19% wide, so a few dozen buckets span ns to minutes); bucket
// -1 holds durations of 0. The store counts spans per bucket with the same formula.

export const DURATION_BUCKETS_PER_OCTAVE = 4;

/** [low, high) of bucket b in ns, rounded up to whole nanoseconds. */
export const durationBucketEdgesNs = (b: number): [bigint, bigint] =>
  b < 0 ? [0n, 1n] : [BigInt(Math.ceil(2 ** (b / DURATION_BUCKETS_PER_OCTAVE))), BigInt(Math.ceil(2 ** ((b + 1) / DURATION_BUCKETS_PER_OCTAVE)))];
