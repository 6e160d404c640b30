import { HOUR_NS } from '@/lib/model/units';
import { db } from '@/lib/store/db';
import { Prisma } from '@/lib/store/generated/client';
import { MINUTE_NS } from '@/lib/store/write/aggregate-rollups';

// The rows of a rollup table (span_rollups, exception_rollups) that hold a window's data once
// each (the levels are described in the rollups' migration and lib/store/compact-rollups.ts):
//
// - the window is the minutes that START in [startNs, endNs) (the rollups' resolution is a
//   minute: a window edge inside a minute takes that minute whole or not at all);
// - level 0 rows of those minutes, always (partial rows no pass has merged yet);
// - with `hours`, for each whole hour of the window that has level 2 rows (built), those (and
//   for the open hour, when the window ends now: see RollupWindow);
// - level 1 rows of every other minute.
//
// The built hours are asked first (a small index scan), so the main statement reads each
// level by an index range on (level, bucket_ns) rather than filtering every minute row.

/** The first multiple of `unit` at or after ns (ns ≥ 0). */
export const ceilTo = (ns: bigint, unit: bigint) => ((ns + unit - 1n) / unit) * unit;
/** The last multiple of `unit` at or before ns (ns ≥ 0). */
export const floorTo = (ns: bigint, unit: bigint) => (ns / unit) * unit;

export type RollupWindow = {
  startNs: bigint;
  endNs: bigint;
  hours: boolean;
  /**
   * With `hours`: the window ends now, so its last, partial hour is read from that hour's level 2
   * rows when they are built (the compaction keeps the open hour's up to date): nothing has
   * started after now but spans stamped ahead of this host's clock, which it then counts too.
   */
  endsNow?: boolean;
};

/**
 * Whether a window ending at endNs, asked at nowNs, ends now (RollupWindow.endsNow): it ends in
 * the current minute, and the rollups' resolution is a minute.
 */
export const windowEndsNow = (endNs: bigint, nowNs: bigint) => endNs >= nowNs - MINUTE_NS;

/** The columns each rollup table's row source yields. */
const COLUMNS = {
  span_rollups: Prisma.sql`bucket_ns, level, service_id, operation_id, status_code, entry, count, duration_sum_ns, buckets, counts, hist`,
  exception_rollups: Prisma.sql`bucket_ns, level, service_id, operation_id, type, fingerprint, count, first_ns, last_ns, example_message, example_stacktrace, example_trace_id`,
};

/** An SQL row source (a parenthesized subquery, to alias) of the span_rollups rows of the window, each datum once. */
export const spanRollupRows = (window: RollupWindow) => rollupRows('span_rollups', window);

/** The same for exception_rollups. */
export const exceptionRollupRows = (window: RollupWindow) => rollupRows('exception_rollups', window);

const rollupRows = async (table: keyof typeof COLUMNS, { startNs, endNs, hours, endsNow = false }: RollupWindow): Promise<Prisma.Sql> => {
  const T = Prisma.raw(table);
  const columns = COLUMNS[table];
  const lo = ceilTo(startNs, MINUTE_NS);
  const hi = ceilTo(endNs, MINUTE_NS);
  const hFrom = ceilTo(lo, HOUR_NS);
  const hTo = endsNow ? ceilTo(hi, HOUR_NS) : floorTo(hi, HOUR_NS);
  let built: bigint[] = [];
  if (hours && hFrom < hTo) {
    const rows = await db().$queryRaw<{ h: bigint }[]>`
      SELECT DISTINCT bucket_ns AS h FROM ${T} WHERE level = 2 AND bucket_ns >= ${hFrom} AND bucket_ns < ${hTo} ORDER BY 1`;
    built = rows.map((r) => BigInt(r.h));
  }
  // [lo, hi) without the built hours, as ranges for the level 1 rows
  const ranges: [bigint, bigint][] = [];
  let from = lo;
  for (const h of built) {
    if (h > from) ranges.push([from, h]);
    from = h + HOUR_NS;
  }
  if (from < hi) ranges.push([from, hi]);
  const minuteRanges = ranges.length === 0 ? Prisma.sql`FALSE` : Prisma.join(ranges.map(([a, b]) => Prisma.sql`(bucket_ns >= ${a} AND bucket_ns < ${b})`), ' OR ');
  const hourRows = built.length === 0 ? Prisma.empty : Prisma.sql`
    UNION ALL SELECT ${columns} FROM ${T} WHERE level = 2 AND bucket_ns >= ${hFrom} AND bucket_ns < ${hTo}`;
  return Prisma.sql`(
    SELECT ${columns} FROM ${T} WHERE level = 0 AND bucket_ns >= ${lo} AND bucket_ns < ${hi}
    UNION ALL SELECT ${columns} FROM ${T} WHERE level = 1 AND bucket_ns >= ${lo} AND bucket_ns < ${hi} AND (${minuteRanges})
    ${hourRows})`;
};

/**
 * The chart bucket of rollup row `alias` for buckets of `stepNs` from startNs: the bucket where its
 * minute starts or, when hour rows are read, where its HOUR starts, so that an answer does not
 * change when the compaction replaces an hour's minute rows by its hour rows.
 */
export const rollupBucketSql = (startNs: bigint, stepNs: bigint, hours: boolean, alias = 'r') => {
  const at = hours ? Prisma.sql`(${Prisma.raw(alias)}.bucket_ns - ${Prisma.raw(alias)}.bucket_ns % ${HOUR_NS})` : Prisma.sql`${Prisma.raw(alias)}.bucket_ns`;
  return Prisma.sql`(GREATEST(${at} - ${startNs}, 0) / ${stepNs})::int`;
};
