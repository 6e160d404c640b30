import type pg from 'pg';
import { HOUR_NS } from '@/lib/model/units';
import { histText, MINUTE_NS } from './write/aggregate-rollups';

// The rollups' background pass: the writer appends a partial (level 0) row per key and batch,
// a few hundred per key and minute under load; this merges them.
//
// - The closed minutes of the open hour: their level 0 and 1 rows become one level 1 row per
//   key, and the hour's level 2 rows are kept equal to the merge of its level 1 rows in the same
//   transaction (built on the first pass, then the moved level 0 rows merged into them), so a
//   window that ends now reads its last hour from a few level 2 rows too.
// - A closed hour with level 0 rows (its last minutes, or spans that arrived late), or with
//   level 1 rows and no level 2 rows yet: in one transaction, its minutes are compacted as
//   above and its level 2 rows rebuilt from its level 1 rows. So a built hour's level 2 rows
//   always equal the merge of its level 1 rows, and its data is level 2 + its level 0 rows (the
//   readers, rollup-sql.ts, rely on this).
// - Exception rollups the same, in the same transactions (their rows are written in the same
//   batches, for the same minutes).
// - The service calls' hour rows (call_rollups), merged per hour (MERGE_CALLS).
//
// Bounded work per pass (MAX_HOURS, oldest first, and the open hour's at most 60 minutes; the rest
// waits for the next pass).
// Safe beside the writers (they only insert; a row inserted after the DELETE's snapshot stays at
// level 0 for the next pass) and beside another process running it: the pass takes a session
// advisory lock and leaves if another holds it; even without it, each step is one statement in
// one transaction that moves rows, so nothing is counted twice or lost.

const LOCK_KEY = 7_201_960; // pg_try_advisory_lock key: one compaction pass at a time
/** a minute is closed this long after its end (spans of a batch in flight have their COPY done by then) */
const GRACE_NS = 60_000_000_000n;
const MAX_HOURS = 48;
/**
 * Hours rebuilt in one pass stop once the pass has run this long: a backfill (or the benchmark's
 * two days of traffic sent at once) touches every closed hour again and again, and an unbounded
 * pass then held a core beside ingest (measured: ingest of 300,000 spans 3× slower). What is
 * left stays at level 0, still read correctly, for the next pass.
 */
const PASS_BUDGET_MS = 2_000;

const KEY = 'service_id, operation_id, status_code, entry';

/**
 * CTEs that merge the rows of relation `source` (span_rollups rows) by `bucket` (an SQL
 * expression over them) and key into rows of `level`, inserted by the last of them; `p` prefixes
 * their names so that one statement can hold two merges. Level 2 rows also get `hist`, their
 * histogram as the text the readers ask for (rollup-sql.ts), made once here instead of at every read.
 */
const mergeSpanRows = (source: string, bucket: string, level: number, p: string) => `
  ${p}_cells AS (
    SELECT ${bucket} AS bucket_ns, ${KEY}, u.b, sum(u.n)::int8 AS n
    FROM ${source}, unnest(${source}.buckets, ${source}.counts) AS u(b, n) GROUP BY 1, 2, 3, 4, 5, 6
  ), ${p}_hist AS (
    SELECT bucket_ns, ${KEY}, array_agg(b ORDER BY b) AS buckets, array_agg(n ORDER BY b) AS counts
    FROM ${p}_cells GROUP BY 1, 2, 3, 4, 5
  ), ${p}_totals AS (
    SELECT ${bucket} AS bucket_ns, ${KEY}, sum(count)::int8 AS count, sum(duration_sum_ns) AS duration_sum_ns
    FROM ${source} GROUP BY 1, 2, 3, 4, 5
  ), ${p}_insert AS (
    INSERT INTO span_rollups (bucket_ns, level, ${KEY}, count, duration_sum_ns, buckets, counts${level === 2 ? ', hist' : ''})
    SELECT t.bucket_ns, ${level}, t.service_id, t.operation_id, t.status_code, t.entry, t.count, t.duration_sum_ns, h.buckets, h.counts
      ${level === 2 ? `, ${histText('h')}` : ''}
    FROM ${p}_totals t JOIN ${p}_hist h USING (bucket_ns, service_id, operation_id, status_code, entry)
  )`;

const X_KEY = 'service_id, operation_id, type, fingerprint';

/** As mergeSpanRows, for exception_rollups rows: counts summed, first and last seen, the latest example (a stack trace preferred). */
const mergeExceptionRows = (source: string, bucket: string, level: number, p: string) => `
  ${p}_insert AS (
    INSERT INTO exception_rollups (bucket_ns, level, ${X_KEY}, count, first_ns, last_ns, example_message, example_stacktrace, example_trace_id)
    SELECT ${bucket}, ${level}, ${X_KEY}, sum(count)::int8, min(first_ns), max(last_ns),
           (array_agg(example_message ORDER BY last_ns DESC))[1],
           (array_agg(example_stacktrace ORDER BY example_stacktrace = '', last_ns DESC))[1],
           (array_agg(example_trace_id ORDER BY last_ns DESC))[1]
    FROM ${source} GROUP BY 1, ${X_KEY}
  )`;

/** A rollup table and how its rows merge. */
type RollupTable = { name: 'span_rollups' | 'exception_rollups'; merge: typeof mergeSpanRows };
const TABLES: RollupTable[] = [
  { name: 'span_rollups', merge: mergeSpanRows },
  { name: 'exception_rollups', merge: mergeExceptionRows },
];

/** The level 0 and 1 rows of the minutes starting in [lo, hi) that have level 0 rows, deleted and returned as `gone`. */
const goneMinutes = ({ name }: RollupTable, lo: bigint, hi: bigint) => `
  gone AS (
    DELETE FROM ${name} WHERE level IN (0, 1) AND bucket_ns >= ${lo} AND bucket_ns < ${hi}
      AND bucket_ns IN (SELECT bucket_ns FROM ${name} WHERE level = 0 AND bucket_ns >= ${lo} AND bucket_ns < ${hi})
    RETURNING *
  )`;

/** Compacts the minutes whose start is in [lo, hi) that have level 0 rows: level 0 + 1 → one level 1 row per key. */
const compactMinutes = (t: RollupTable, lo: bigint, hi: bigint) => `WITH ${goneMinutes(t, lo, hi)}, ${t.merge('gone', 'bucket_ns', 1, 'm')} SELECT 1`;

/**
 * The same for the minutes [h, hi) of the hour starting at h whose level 2 rows are built, which
 * are brought up to date in the same statement: the hour's level 1 rows gain exactly the level 0
 * rows the minutes' compaction moved, so merging those into its level 2 rows keeps them equal to
 * the merge of its level 1 rows without reading them all again (a whole hour at 10-million-span
 * density, ~20,000 minute rows, took ~450 ms to rebuild; the open hour is compacted every pass).
 */
const compactMinutesOfBuiltHour = (t: RollupTable, h: bigint, hi: bigint) => `
  WITH ${goneMinutes(t, h, hi)}, ${t.merge('gone', 'bucket_ns', 1, 'm')},
  old AS (DELETE FROM ${t.name} WHERE level = 2 AND bucket_ns = ${h} RETURNING *),
  moved AS (SELECT * FROM gone WHERE level = 0 UNION ALL SELECT * FROM old),
  ${t.merge('moved', String(h), 2, 'h')} SELECT 1`;

/** Rebuilds the level 2 rows of the hour starting at h from its level 1 rows. */
const rebuildHour = (t: RollupTable, h: bigint) => `
  DELETE FROM ${t.name} WHERE level = 2 AND bucket_ns = ${h};
  WITH gone AS (SELECT * FROM ${t.name} WHERE level = 1 AND bucket_ns >= ${h} AND bucket_ns < ${h + HOUR_NS}),
  ${t.merge('gone', String(h), 2, 'h')} SELECT 1`;

/** A closed hour, both tables: minutes compacted, hour rows rebuilt from them. */
const compactClosedHour = (h: bigint) => TABLES.map((t) => `${compactMinutes(t, h, h + HOUR_NS)}; ${rebuildHour(t, h)}`).join('; ');

/**
 * The service calls' rows (call_rollups, see its migration), every hour that has level 0 rows:
 * its rows become one level 1 row per pair, pairs whose changes cancel out dropped. One statement:
 * a writer's row committed after its snapshot is neither deleted nor merged, and waits for the
 * next pass. Each pass merges what ~30 s of batches wrote, whatever hours they touched.
 */
const MERGE_CALLS = `
  WITH gone AS (
    DELETE FROM call_rollups WHERE bucket_ns IN (SELECT bucket_ns FROM call_rollups WHERE level = 0) RETURNING *
  )
  INSERT INTO call_rollups (bucket_ns, level, parent_id, child_id, count)
  SELECT bucket_ns, 1, parent_id, child_id, sum(count) FROM gone GROUP BY bucket_ns, parent_id, child_id HAVING sum(count) <> 0`;

export type CompactRollupsResult = { minutes: number; hours: number; skipped: boolean; ms: number };

export type CompactRollupsOptions = { db: pg.ClientBase; nowNs: bigint };

const inTransaction = async (db: pg.ClientBase, sql: string) => {
  await db.query('BEGIN');
  try {
    await db.query(sql);
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK').catch(() => {});
    throw err;
  }
};

/** One compaction pass (see above). */
export const compactRollups = async ({ db, nowNs }: CompactRollupsOptions): Promise<CompactRollupsResult> => {
  const started = performance.now();
  const locked = (await db.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LOCK_KEY])).rows[0].ok;
  if (!locked) return { minutes: 0, hours: 0, skipped: true, ms: 0 };
  try {
    const closedMinuteEnd = ((nowNs - GRACE_NS) / MINUTE_NS) * MINUTE_NS; // minutes starting before this are closed
    const closedHourEnd = (closedMinuteEnd / HOUR_NS) * HOUR_NS; // and hours starting before this

    // closed hours to (re)build: those with level 0 rows, and those after the last built hour with level 1 rows only
    const { rows: hourRows } = await db.query<{ h: string }>(
      `SELECT h::text FROM (
         SELECT DISTINCT bucket_ns - bucket_ns % ${HOUR_NS} AS h FROM span_rollups WHERE level = 0 AND bucket_ns < ${closedHourEnd}
         UNION
         SELECT DISTINCT bucket_ns - bucket_ns % ${HOUR_NS} FROM exception_rollups WHERE level = 0 AND bucket_ns < ${closedHourEnd}
         UNION
         SELECT DISTINCT bucket_ns - bucket_ns % ${HOUR_NS} FROM span_rollups
         WHERE level = 1 AND bucket_ns < ${closedHourEnd}
           AND bucket_ns >= (SELECT COALESCE(max(bucket_ns) + ${HOUR_NS}, 0) FROM span_rollups WHERE level = 2)
       ) x ORDER BY 1 LIMIT ${MAX_HOURS}`,
    );
    let hours = 0;
    for (const { h } of hourRows) {
      if (hours > 0 && performance.now() - started > PASS_BUDGET_MS) break;
      const hour = BigInt(h);
      await inTransaction(db, compactClosedHour(hour));
      hours++;
    }
    // closed minutes of the open hour, whose level 2 rows are kept up to date too: the readers
    // of a window that ends now read that hour from them (rollup-sql.ts)
    const open = closedHourEnd;
    const steps: string[] = [];
    let minutes = 0;
    for (const t of TABLES) {
      const { rows } = await db.query<{ n: string; built: boolean }>(
        `SELECT (SELECT count(DISTINCT bucket_ns) FROM ${t.name} WHERE level = 0 AND bucket_ns >= ${open} AND bucket_ns < ${closedMinuteEnd})::text AS n,
                EXISTS (SELECT 1 FROM ${t.name} WHERE level = 2 AND bucket_ns = ${open}) AS built`,
      );
      const n = Number(rows[0].n);
      if (t.name === 'span_rollups') minutes = n;
      if (n > 0) steps.push(rows[0].built ? compactMinutesOfBuiltHour(t, open, closedMinuteEnd) : `${compactMinutes(t, open, closedMinuteEnd)}; ${rebuildHour(t, open)}`);
    }
    if (steps.length > 0) await inTransaction(db, steps.join('; '));
    await db.query(MERGE_CALLS);
    return { minutes, hours, skipped: false, ms: performance.now() - started };
  } finally {
    await db.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
  }
};
