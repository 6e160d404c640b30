import type { Operand, SpanCondition } from '@/lib/filter/filter-ast';
import type { EncodedValue } from '@/lib/model/attribute-value';
import { DURATION_BUCKETS_PER_OCTAVE } from '@/lib/model/duration-buckets';
import { spanKindWord } from '@/lib/model/conventions';
import { StatusCode } from '@/lib/model/span-record';
import { isCitusStore, pool } from '@/lib/store/db';
import { isRollupAnswerable } from '@/lib/filter/is-rollup-answerable';
import { aggregateSpanRollups } from './aggregate-span-rollups';
import { Prisma } from '@/lib/store/generated/client';
import { withHeavyQuery } from '@/lib/store/read-budget';
import { spanAttributeValue, spanConditionSql } from './filter-condition-sql';
import { storedKeyForms } from './read-dimensions';
import { sketchAnswer, sketchBucketSql, tallySketchRows, type SketchRow } from './tally-sketch-rows';

// Span analytics over raw spans: the spans `s` that started in [startNs, endNs) and meet one
// span condition (the filter engine's compiler, filter-condition-sql.ts), grouped by up to three
// keys. Per group: count, errors, and p50/p95/p99 of the duration as nearest-rank percentiles
// within 2% (the rollups' latency sketch, lib/model/latency-sketch.ts); per group and time bucket
// the same for the charts; and a log-scaled duration histogram of all matching spans. Each stored
// row counts once (no de-duplication of retried batches: a copy is a row like any other here).
//
// One statement, one scan: the matching rows are added up per key, time bucket and sketch bucket
// in one hash aggregate, the top groups by count are cut from those sums, and the rows come back
// as the rollups' do, to be tallied by the same code (tally-sketch-rows.ts). Exact percentiles
// (percentile_disc) sorted the window's rows once per group and once per group and time bucket,
// by a jsonb key: at 10M density an hour grouped by http.route took ~0.9 s, this ~0.6 s. The window
// is bounded by the caller (lib/api/params/parse-aggregate-params.ts); partition pruning and
// spans_start_ns_brin narrow the scan to it, and it is one of the heavy queries (read-budget.ts).

const ERROR = Prisma.raw(String(StatusCode.ERROR));
/** the widest window a raw aggregation scans (the API's cap, lib/api/params/parse-aggregate-params.ts) */
const RAW_MAX_WINDOW_NS = 6n * 3_600_000_000_000n;


/** A group's value of one key: text for the table, and the type it was stored with (so a filter can match it). */
export type KeyValue = { text: string; type: 'string' | 'int' | 'double' | 'bool' | 'kind' | 'status' | 'other' } | null;

export type AggregateSeriesPoint = { bucket: number; count: bigint; errorCount: bigint; p95Ns: bigint };

export type AggregateGroup = {
  key: KeyValue[];
  count: bigint;
  errorCount: bigint;
  p50Ns: bigint;
  p95Ns: bigint;
  p99Ns: bigint;
  series: AggregateSeriesPoint[];
};

export type AggregateSpansOptions = {
  where: SpanCondition;
  keys: Operand[];
  startNs: bigint;
  endNs: bigint;
  stepNs: bigint;
  /** the groups kept, the largest by count first */
  maxGroups: number;
  /** the window ends now: read from the rollups, its open hour may come from hour rows (rollup-sql.ts) */
  endsNow?: boolean;
};

export type AggregateSpansResult = {
  groups: AggregateGroup[];
  /** how many groups there were before the cut to maxGroups */
  totalGroups: number;
  /** [bucket index, count] of the log-scaled duration histogram; bucket -1 holds durations of 0 */
  histogram: [number, bigint][];
};

/** The SQL of a key's value on row `s` (operation `o`, service `sv`, resource `r`, scope `sc`), and how to read it back. */
export type Join = 'o' | 'sv' | 'r' | 'sc';

export const keySql = async (operand: Operand): Promise<{ sql: Prisma.Sql; read: (v: unknown) => KeyValue; join?: Join }> => {
  if (operand.kind === 'intrinsic') {
    const text = (v: unknown): KeyValue => (v === null || v === undefined ? null : { text: String(v), type: 'string' });
    switch (operand.name) {
      case 'name':
        return { sql: Prisma.sql`o.name`, read: text, join: 'o' };
      case 'service':
        return { sql: Prisma.sql`sv.name`, read: text, join: 'sv' };
      case 'kind':
        return { sql: Prisma.sql`o.kind::int`, read: (v) => ({ text: spanKindWord(Number(v)) ?? String(v), type: 'kind' }), join: 'o' };
      case 'status':
        return { sql: Prisma.sql`s.status_code::int`, read: (v) => ({ text: ['unset', 'ok', 'error'][Number(v)] ?? String(v), type: 'status' }) };
      case 'statusMessage':
        return { sql: Prisma.sql`NULLIF(s.status_message, '')`, read: text };
      case 'scopeName':
        return { sql: Prisma.sql`NULLIF(sc.name, '')`, read: text, join: 'sc' };
      case 'scopeVersion':
        return { sql: Prisma.sql`NULLIF(sc.version, '')`, read: text, join: 'sc' };
      default:
        throw new Error(`cannot group by ${operand.name}`);
    }
  }
  const read = (v: unknown) => storedKeyValue(v as EncodedValue | undefined);
  switch (operand.scope) {
    case 'span':
      return { sql: spanAttributeValue(await storedKeyForms(operand.key)), read };
    case 'resource':
      return { sql: Prisma.sql`(r.attributes -> ${operand.key})`, read, join: 'r' };
    case 'unscoped':
      return { sql: Prisma.sql`COALESCE(${spanAttributeValue(await storedKeyForms(operand.key))}, r.attributes -> ${operand.key})`, read, join: 'r' };
    default:
      throw new Error(`cannot group by an ${operand.scope} attribute`);
  }
};

/** A stored attribute value (lib/model/attribute-value.ts) as a key value. */
const storedKeyValue = (v: EncodedValue | undefined): KeyValue => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return { text: v, type: 'string' };
  if (typeof v === 'number') return { text: String(v), type: 'int' };
  if (typeof v === 'boolean') return { text: String(v), type: 'bool' };
  if (!Array.isArray(v) && 'i' in v) return { text: v.i, type: 'int' };
  if (!Array.isArray(v) && 'd' in v) return { text: String(v.d), type: 'double' };
  return { text: JSON.stringify(v), type: 'other' };
};

const MINUTE_NS = 60_000_000_000n;

/**
 * Counts, errors and nearest-rank percentiles per group, per group and time bucket, and a duration
 * histogram. From the per-minute rollups (aggregate-span-rollups.ts) when the question reads only
 * rollup keys, on PostgreSQL (Citus has no rollups), and the window is wider than a raw scan may
 * be or the step at least a minute (the rollups' resolution); otherwise from raw spans.
 */
export const aggregateSpans = async (o: AggregateSpansOptions): Promise<AggregateSpansResult> => {
  if (isRollupAnswerable(o.where, o.keys) && (o.stepNs >= MINUTE_NS || o.endNs - o.startNs > RAW_MAX_WINDOW_NS) && !(await isCitusStore())) {
    return aggregateSpanRollups(o);
  }
  return aggregateRawSpans(o);
};

const aggregateRawSpans = async (o: AggregateSpansOptions): Promise<AggregateSpansResult> => {
  const keys = await Promise.all(o.keys.map(keySql));
  const where = await spanConditionSql(o.where);
  const names = keys.map((_, i) => Prisma.raw(`k${i}`));
  // every key as jsonb, an absent one as JSON null: the groups then join back to the rows with a
  // plain (hashable) equality, where IS NOT DISTINCT FROM would compare every row with every group.
  // (An attribute stored as an empty value, itself JSON null, groups with the absent ones.)
  // each followed by a comma (Prisma.join refuses an empty list)
  const listed = (parts: Prisma.Sql[]) => (parts.length === 0 ? Prisma.empty : Prisma.join(parts, ''));
  const keyColumns = listed(keys.map((k, i) => Prisma.sql`COALESCE(to_jsonb(${k.sql}), 'null'::jsonb) AS ${names[i]}, `));
  const needs = new Set(keys.map((k) => k.join));
  const JOINS: Record<Join, Prisma.Sql> = {
    o: Prisma.sql`JOIN operations o ON o.id = s.operation_id`,
    sv: Prisma.sql`JOIN services sv ON sv.id = s.service_id`,
    r: Prisma.sql`LEFT JOIN resources r ON r.id = s.resource_id`,
    sc: Prisma.sql`LEFT JOIN scopes sc ON sc.id = s.scope_id`,
  };
  const joins = Prisma.join((Object.keys(JOINS) as Join[]).map((j) => (needs.has(j) ? JOINS[j] : Prisma.empty)), ' ');
  const keyList = listed(names.map((n) => Prisma.sql`${n}, `));
  const groupBy = keys.length === 0 ? Prisma.sql`()` : Prisma.join(names, ', ');
  const keyArray = keys.length === 0 ? Prisma.sql`'[]'::jsonb` : Prisma.sql`jsonb_build_array(${Prisma.join(names.map((n) => Prisma.sql`top.${n}`), ', ')})`;
  const sameGroup = keys.length === 0 ? Prisma.sql`TRUE` : Prisma.join(names.map((n) => Prisma.sql`t.${n} = top.${n}`), ' AND ');
  const octave = Prisma.raw(String(DURATION_BUCKETS_PER_OCTAVE));
  const query = Prisma.sql`
    WITH t AS MATERIALIZED (
      SELECT ${keyColumns} ((s.start_ns - ${o.startNs}) / ${o.stepNs})::int AS b, ${Prisma.raw(sketchBucketSql('s.duration_ns'))} AS sb,
             CASE WHEN s.duration_ns <= 0 THEN -1 ELSE floor(ln(s.duration_ns::float8) / ln(2) * ${octave})::int END AS hb,
             count(*)::int AS n, (count(*) FILTER (WHERE s.status_code = ${ERROR}))::int AS e
      FROM spans s ${joins}
      WHERE s.start_ns >= ${o.startNs} AND s.start_ns < ${o.endNs} AND ${where}
      GROUP BY ${keyList} b, sb, hb
    ), top AS MATERIALIZED (
      SELECT ${keyList} row_number() OVER (ORDER BY sum(n) DESC ${keys.length === 0 ? Prisma.empty : Prisma.sql`, ${Prisma.join(names, ', ')}`})::int AS i,
             count(*) OVER () AS total
      FROM t GROUP BY ${groupBy}
      HAVING count(*) > 0
      ORDER BY i LIMIT ${o.maxGroups}
    )
    SELECT NULL, t.b, sum(t.n)::text, sum(t.e)::text, array_to_string(array_agg(t.sb) || array_agg(t.n), ','), top.i
    FROM t JOIN top ON ${sameGroup}
    GROUP BY top.i, t.b
    UNION ALL
    SELECT ${keyArray}::text, NULL, top.total::text, NULL, NULL, top.i FROM top
    UNION ALL
    SELECT NULL, NULL, NULL, NULL, array_to_string(array_agg(h.hb) || array_agg(h.n), ','), NULL
    FROM (SELECT hb, sum(n) AS n FROM t GROUP BY hb) h`;
  // three kinds of row: a group's key and the number of groups (b is null); a group's spans of one
  // time bucket by sketch bucket (k is null); the duration histogram of every matching span (i is null)
  type Row = [k: string | null, b: number | null, n: string | null, e: string | null, hist: string | null, i: number | null];
  // the tally inside the heavy slot too, so its rest covers it (read-budget.ts)
  return withHeavyQuery(async () => {
    const { rows } = await pool().query<Row>({ text: query.text, values: query.values, rowMode: 'array' });
    const keyOf = new Map<number, string>();
    let totalGroups = 0;
    let histogram: [number, bigint][] = [];
    for (const [k, b, n, , hist, i] of rows) {
      if (i === null) {
        // its bars: ids then counts
        const numbers = hist ? hist.split(',') : [];
        const half = numbers.length / 2;
        histogram = numbers.slice(0, half).map((bar, j): [number, bigint] => [Number(bar), BigInt(numbers[half + j])]).sort((x, y) => x[0] - y[0]);
      } else if (b === null) {
        keyOf.set(i, k!);
        totalGroups = Number(n);
      }
    }
    const series: SketchRow[] = [];
    for (const [, b, n, e, hist, i] of rows) if (i !== null && b !== null) series.push([keyOf.get(i)!, b, n!, e!, hist!]);
    const groups = tallySketchRows(series);
    const place = new Map([...keyOf].map(([i, k]) => [k, i]));
    const ordered = [...groups].sort(([x], [y]) => place.get(x)! - place.get(y)!).map(([, g]) => g);
    return sketchAnswer(ordered, keys.map((k) => k.read), totalGroups, histogram);
  });
};
