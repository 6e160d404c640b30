// Time units. Spans keep unix nanoseconds as bigint (they exceed 2^53); Jaeger and Zipkin speak
// microseconds, JavaScript dates milliseconds.
//
// The one rounding rule: a conversion to a coarser whole unit truncates toward zero, as BigInt
// division does (Jaeger's own ns → µs conversion does the same). Only nsToUsFractional keeps the
// fraction, for durations shown to people; it is exact while the value is below 2^53 ns (104 days).

export const NS_PER_US = 1_000n;
export const NS_PER_MS = 1_000_000n;
export const MS_PER_DAY = 86_400_000;
export const HOUR_NS = 3_600_000_000_000n;
export const DAY_NS = 86_400_000_000_000n;

export const usToNs = (us: bigint): bigint => us * NS_PER_US;

/** Whole milliseconds (a Date's getTime(), Date.now()) to nanoseconds; a fractional `ms` throws. */
export const msToNs = (ms: number | bigint): bigint => BigInt(ms) * NS_PER_MS;

/** Whole microseconds, truncated toward zero. */
export const nsToUs = (ns: bigint): bigint => ns / NS_PER_US;

/** Whole microseconds as a number, truncated toward zero (Jaeger's timestamps and durations). */
export const nsToUsNumber = (ns: bigint): number => Number(ns / NS_PER_US);

/** Whole milliseconds as a number, truncated toward zero (for a Date). */
export const nsToMsNumber = (ns: bigint): number => Number(ns / NS_PER_MS);

/** Microseconds with their fraction (1500 ns → 1.5), for durations and statistics. */
export const nsToUsFractional = (ns: bigint | number): number => Number(ns) / 1000;

/** Now, in unix nanoseconds (millisecond resolution). */
export const nowNs = (): bigint => msToNs(Date.now());
