import type { Operand, PipelineStage, Spanset, SpanCondition, TraceFilter } from '@/lib/filter/filter-ast';
import type { EncodedAttributes } from '@/lib/model/attribute-value';
import { type PageAfter, type TraceOrder } from '@/lib/model/trace-order';
import { db, isCitusStore } from '@/lib/store/db';
import { Prisma } from '@/lib/store/generated/client';
import { dayOfNs } from '@/lib/store/partitions';
import { conjunctsOf, FilterCompileError, isTraceLevel, numericOperandSql, spanConditionSql } from './filter-condition-sql';
import {
  countSummaries,
  findSummariesWhere,
  summaryWindowSql,
  keysetSql,
  orderSql,
  STRADDLE_NS,
  summaryColumns,
  toStoredSummary,
  type StoredTraceSummary,
  type SummaryRow,
} from './find-trace-summaries';
import { oneSpansetCriteria } from './span-criteria';

// Executes a TraceFilter (lib/filter/filter-ast.ts) over a window of span starts: one page of
// the matching traces in the order asked, their total, and the matched spans of that page.
//
// Two plans:
//  - One spanset (`{ ... }`, maybe with `| select(...)`), which is every Jaeger search and most
//    TraceQL: its condition compiles to SQL on a span row (filter-condition-sql.ts), trace-level
//    conjuncts (traceDuration, rootName, …) are hoisted onto the trace summary, and the search
//    runs exactly as a TraceQuery does (find-trace-summaries.ts: summaries walked in order, or
//    the few matching spans' traces sorted, with the same index use and totals).
//  - `{ } | count() > n`: from the summaries' span counts (countOfAllSpans).
//  - Anything else (&&, ||, structure, aggregates, pipeline filters): each spanset leaf becomes
//    a CTE of the spans that match it in the window, and the spanset algebra runs in SQL on
//    those rows (set operations, parent/ancestor/sibling joins, GROUP BY for aggregates) in the
//    same statement that joins the matching traces' summaries, counts them (exactly), and sorts
//    and pages them. When a leaf matches more than `candidateSpans` spans in the window, that
//    plan is dropped for the walk (runWalk): summaries in order, a batch of traces at a time
//    through the same algebra, until the page is full; the total is then an estimate, and the
//    answer says `capped` if the walk gave up (WALK_MAX_TRACES) before filling the page.
// The matched spans of the page's traces are then found by running the same plan restricted
// to those trace ids.

/**
 * Spans a leaf may contribute to the whole-window plan; past it, the plan walks the summaries
 * in order instead (each is a small row in a CTE).
 */
const CANDIDATE_SPANS = 200_000;
/** Traces evaluated per statement of the walk. */
const WALK_BATCH = 400;
/** Traces the walk examines for one page before it stops and says the search was cut. */
const WALK_MAX_TRACES = 20_000;
/** Ancestor walks stop at this depth (a cycle of parent ids must not loop). */
const MAX_DEPTH = 256;

export type RunTraceFilterOptions = {
  filter: TraceFilter;
  /** inclusive window on span starts, unix ns; every matched span starts in it */
  startMinNs: bigint;
  startMaxNs: bigint;
  orderBy: TraceOrder;
  after?: PageAfter;
  size: number;
  withTotal: boolean;
  /** matched spans returned per trace (Tempo's spss); 0: none, and no count of them either */
  spansPerSpanset: number;
  /** the cap on spans per spanset leaf (tests lower it) */
  candidateSpans?: number;
};

/** A matched span as stored (ids of its dimensions, attributes with stored keys). */
export type StoredMatchedSpan = {
  spanId: string;
  parentSpanId?: string;
  startNs: bigint;
  durationNs: bigint;
  serviceId: number;
  operationId: number;
  resourceId: number;
  scopeId: number;
  statusCode: number;
  attributes: EncodedAttributes;
};

export type TraceFilterPage = {
  rows: StoredTraceSummary[];
  hasMore: boolean;
  total?: { value: number; isEstimate: boolean };
  /** whether the candidate cap cut the search (some matches may be missing) */
  capped: boolean;
  /** per trace id of the page: its matched span count and the first `spansPerSpanset` of them by start */
  matched: Map<string, { count: number; spans: StoredMatchedSpan[] }>;
  /** what `| select(...)` asked to show */
  selected: Operand[];
};

const raw = Prisma.raw;

// ── the plan ──

const selectsOf = (set: Spanset): Operand[] => {
  switch (set.kind) {
    case 'spans':
      return [];
    case 'combine':
    case 'structural':
      return [...selectsOf(set.left), ...selectsOf(set.right)];
    case 'pipeline':
      return [...selectsOf(set.source), ...set.stages.flatMap((s) => (s.kind === 'select' ? s.operands : []))];
  }
};

/** The spanset without its select stages (they only add values to the answer). */
const withoutSelects = (set: Spanset): Spanset => {
  switch (set.kind) {
    case 'spans':
      return set;
    case 'combine':
    case 'structural':
      return { ...set, left: withoutSelects(set.left), right: withoutSelects(set.right) };
    case 'pipeline': {
      const stages = set.stages.filter((s) => s.kind !== 'select');
      const source = withoutSelects(set.source);
      // `{A} | {B}` is `{A && B}` on one span: keep the single-spanset plan
      if (source.kind === 'spans' && stages.every((s) => s.kind === 'filter')) {
        const where: SpanCondition[] = [source.where, ...stages.map((s) => (s as Extract<PipelineStage, { kind: 'filter' }>).where)];
        return { kind: 'spans', where: where.length === 1 ? where[0] : { kind: 'and', args: where } };
      }
      return stages.length === 0 ? source : { kind: 'pipeline', source, stages };
    }
  }
};

type Window = { lo: bigint; hi: bigint };

/** Builds the WITH list of the spanset algebra; every relation has the columns of LEAN. */
class PlanBuilder {
  ctes: Prisma.Sql[] = [];
  leaves: string[] = [];
  private n = 0;

  constructor(
    private window: Window,
    private cap: number,
    /** only these traces (the page's), or all */
    private traceIds?: string[],
    /** the store is Citus: the stages that read spans back use the forms it can plan (see stage) */
    private citus = false,
  ) {}

  private add(sql: Prisma.Sql, materialized = false): string {
    const name = `r${this.n++}`;
    this.ctes.push(Prisma.sql`${raw(name)} AS ${raw(materialized ? 'MATERIALIZED ' : '')}(${sql})`);
    return name;
  }

  /**
   * The relation of a spanset. `within` names a relation whose traces bound this one: the right
   * side of `&&` and of a structural operator only matters in traces where the left side has
   * spans, so its leaves look only there (the spans_trace_id_idx per left trace instead of
   * every span of the window that matches a broad condition such as db.system = "postgresql").
   */
  async build(set: Spanset, within?: string): Promise<string> {
    switch (set.kind) {
      case 'spans':
        return this.leaf(set.where, within);
      case 'combine': {
        if (set.op === '||') {
          const [a, b] = [await this.build(set.left, within), await this.build(set.right, within)];
          return this.add(Prisma.sql`SELECT * FROM ${raw(a)} UNION SELECT * FROM ${raw(b)}`);
        }
        const a = await this.build(set.left, within);
        const b = await this.build(set.right, a);
        return this.add(Prisma.sql`SELECT * FROM ${raw(a)} WHERE trace_id IN (SELECT trace_id FROM ${raw(b)})
          UNION SELECT * FROM ${raw(b)} WHERE trace_id IN (SELECT trace_id FROM ${raw(a)})`);
      }
      case 'structural': {
        const a = await this.build(set.left, within);
        return this.structural(set.op, a, await this.build(set.right, a));
      }
      case 'pipeline': {
        let name = await this.build(set.source, within);
        for (const stage of set.stages) name = await this.stage(name, stage);
        return name;
      }
    }
  }

  private async leaf(where: SpanCondition, within?: string): Promise<string> {
    const cond = await spanConditionSql(where);
    const only = this.traceIds ? Prisma.sql`AND s.trace_id = ANY(${this.traceIds}::uuid[])` : Prisma.empty;
    const bound = within ? Prisma.sql`AND s.trace_id IN (SELECT trace_id FROM ${raw(within)})` : Prisma.empty;
    const name = this.add(
      Prisma.sql`SELECT s.trace_id, s.span_id, s.parent_span_id, s.start_ns, s.duration_ns FROM spans s
        WHERE s.start_ns BETWEEN ${this.window.lo} AND ${this.window.hi} AND ${cond} ${only} ${bound} LIMIT ${this.cap + 1}`,
      true,
    );
    this.leaves.push(name);
    return name;
  }

  private structural(op: '>' | '>>' | '<' | '<<' | '~', a: string, b: string): string {
    const A = raw(a);
    const B = raw(b);
    switch (op) {
      case '>':
        return this.add(Prisma.sql`SELECT b.* FROM ${B} b WHERE EXISTS (SELECT 1 FROM ${A} a WHERE a.trace_id = b.trace_id AND a.span_id = b.parent_span_id)`);
      case '<':
        return this.add(Prisma.sql`SELECT b.* FROM ${B} b WHERE EXISTS (SELECT 1 FROM ${A} a WHERE a.trace_id = b.trace_id AND a.parent_span_id = b.span_id)`);
      case '~':
        return this.add(Prisma.sql`SELECT b.* FROM ${B} b WHERE EXISTS (SELECT 1 FROM ${A} a WHERE a.trace_id = b.trace_id
          AND a.parent_span_id = b.parent_span_id AND a.span_id <> b.span_id)`);
      case '>>':
      case '<<': {
        // the parent links of the traces that have spans on both sides (from all their spans,
        // not only those in the window: an ancestor may have started before it), then a walk
        // up from the descendant side.
        // The links are gathered per trace and unnested again: the planner then guesses a few
        // thousand rows, not hundreds of thousands, and builds its hash table of them once for
        // the whole walk; read flat, it re-sorted or re-hashed all of them at every step up
        // (measured at one hour of a 10-million-span store, 190,000 links, 12 levels: the walk
        // went from 3.5 s to 0.2 s). One batch of that hash needs the read pool's work_mem (db.ts).
        const both = this.add(Prisma.sql`SELECT trace_id FROM ${A} INTERSECT SELECT trace_id FROM ${B}`);
        const tree = this.add(
          Prisma.sql`SELECT g.trace_id, x.span_id, x.parent_span_id FROM (SELECT s.trace_id, array_agg(s.span_id) AS ids, array_agg(s.parent_span_id) AS parents
            FROM spans s WHERE s.trace_id IN (SELECT trace_id FROM ${raw(both)}) AND s.parent_span_id IS NOT NULL
            AND s.start_ns BETWEEN ${this.window.lo - STRADDLE_NS} AND ${this.window.hi + STRADDLE_NS} GROUP BY s.trace_id) g,
            unnest(g.ids, g.parents) AS x(span_id, parent_span_id)`,
          true,
        );
        const T = raw(tree);
        // The recursion is nested in a CTE of its own, over the CTEs above, never in the
        // statement's WITH: Citus refuses a statement whose top WITH is RECURSIVE unless it is
        // filtered on trace_id, but plans the CTEs above (they read spans) first and then runs
        // this one over their results on the coordinator; PostgreSQL plans both forms alike.
        if (op === '>>') {
          // from each right-side span up to its first left-side ancestor, where its walk stops
          // (`hit`): a deeper ancestor adds nothing
          const hits = this.add(Prisma.sql`WITH RECURSIVE w(trace_id, span_id, anc, hit, depth) AS (
            SELECT d.trace_id, d.span_id, d.parent_span_id, COALESCE((d.trace_id, d.parent_span_id) IN (SELECT trace_id, span_id FROM ${A}), FALSE), 1
              FROM ${B} d WHERE d.parent_span_id IS NOT NULL AND d.trace_id IN (SELECT trace_id FROM ${raw(both)})
            UNION ALL
            SELECT u.trace_id, u.span_id, t.parent_span_id, COALESCE((u.trace_id, t.parent_span_id) IN (SELECT trace_id, span_id FROM ${A}), FALSE), u.depth + 1
              FROM w u JOIN ${T} t ON t.trace_id = u.trace_id AND t.span_id = u.anc
              WHERE NOT u.hit AND u.depth < ${MAX_DEPTH})
            SELECT DISTINCT trace_id, span_id FROM w WHERE hit`);
          return this.add(Prisma.sql`SELECT b.* FROM ${B} b WHERE (b.trace_id, b.span_id) IN (SELECT trace_id, span_id FROM ${raw(hits)})`);
        }
        const up = raw(
          this.add(Prisma.sql`WITH RECURSIVE w(trace_id, span_id, anc, depth) AS (
            SELECT d.trace_id, d.span_id, d.parent_span_id, 1 FROM ${A} d
              WHERE d.parent_span_id IS NOT NULL AND d.trace_id IN (SELECT trace_id FROM ${raw(both)})
            UNION
            SELECT u.trace_id, u.span_id, t.parent_span_id, u.depth + 1 FROM w u
              JOIN ${T} t ON t.trace_id = u.trace_id AND t.span_id = u.anc
              WHERE u.depth < ${MAX_DEPTH})
            SELECT trace_id, span_id, anc FROM w`),
        );
        return this.add(Prisma.sql`SELECT b.* FROM ${B} b WHERE EXISTS (SELECT 1 FROM ${up} u WHERE u.trace_id = b.trace_id AND u.anc = b.span_id)`);
      }
    }
  }

  private async stage(source: string, stage: PipelineStage): Promise<string> {
    const X = raw(source);
    switch (stage.kind) {
      case 'select':
        return source;
      case 'filter': {
        const cond = await spanConditionSql(stage.where);
        if (this.citus) {
          // Citus cannot plan a subquery on spans correlated with a CTE's rows: the same rows,
          // matched against the spans of their traces read once (spans_trace_id_idx)
          return this.add(Prisma.sql`SELECT x.* FROM ${X} x WHERE (x.trace_id, x.span_id, x.start_ns) IN
            (SELECT s.trace_id, s.span_id, s.start_ns FROM spans s WHERE s.trace_id IN (SELECT trace_id FROM ${X}) AND ${cond})`);
        }
        return this.add(Prisma.sql`SELECT x.* FROM ${X} x WHERE EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = x.trace_id
          AND s.span_id = x.span_id AND s.start_ns = x.start_ns AND ${cond})`);
      }
      case 'aggregate': {
        const op = raw(stage.op === '!=' ? '<>' : stage.op);
        const value = literalNumber(stage.value);
        if (stage.fn === 'count') {
          return this.add(Prisma.sql`SELECT x.* FROM ${X} x WHERE x.trace_id IN
            (SELECT trace_id FROM ${X} GROUP BY trace_id HAVING count(*) ${op} ${value}::numeric)`);
        }
        if (!stage.operand) throw new FilterCompileError(`${stage.fn}() needs a value to aggregate`);
        const fn = raw(stage.fn);
        if (stage.operand.kind === 'intrinsic' && stage.operand.name === 'duration') {
          return this.add(Prisma.sql`SELECT x.* FROM ${X} x WHERE x.trace_id IN
            (SELECT trace_id FROM ${X} GROUP BY trace_id HAVING ${fn}(duration_ns::numeric) ${op} ${value}::numeric)`);
        }
        const v = await numericOperandSql(stage.operand);
        if (this.citus) {
          // Citus cannot push down a LATERAL subquery with a LIMIT: a join, one row per matched
          // span kept by DISTINCT ON (a span stored twice counts once, as LIMIT 1 does)
          return this.add(Prisma.sql`SELECT x.* FROM ${X} x WHERE x.trace_id IN
            (SELECT trace_id FROM (SELECT DISTINCT ON (x.trace_id, x.span_id, x.start_ns) x.trace_id, ${v} AS v FROM ${X} x
               JOIN spans s ON s.trace_id = x.trace_id AND s.span_id = x.span_id AND s.start_ns = x.start_ns) s
             GROUP BY trace_id HAVING ${fn}(s.v) ${op} ${value}::numeric)`);
        }
        return this.add(Prisma.sql`SELECT x.* FROM ${X} x WHERE x.trace_id IN
          (SELECT x.trace_id FROM ${X} x JOIN LATERAL (SELECT ${v} AS v FROM spans s WHERE s.trace_id = x.trace_id AND s.span_id = x.span_id
             AND s.start_ns = x.start_ns LIMIT 1) s ON TRUE GROUP BY x.trace_id HAVING ${fn}(s.v) ${op} ${value}::numeric)`);
      }
    }
  }

  withSql(): Prisma.Sql {
    return Prisma.sql`WITH ${Prisma.join(this.ctes, ', ')}`;
  }

  cappedSql(): Prisma.Sql {
    return Prisma.join(this.leaves.map((l) => Prisma.sql`(SELECT count(*) FROM ${raw(l)}) > ${this.cap}`), ' OR ');
  }
}

const literalNumber = (lit: { type: string; value: unknown }): string => {
  if (lit.type === 'int' || lit.type === 'duration') return String(lit.value);
  if (lit.type === 'double' && Number.isFinite(lit.value)) return String(lit.value);
  if (lit.type === 'untyped' && /^[+-]?\d+(\.\d+)?$/.test(String(lit.value))) return String(lit.value);
  throw new FilterCompileError(`an aggregate compares with a number or a duration, not a ${lit.type}`);
};

// ── running it ──

const traceDays = ({ lo, hi }: Window) => Prisma.sql`t.day BETWEEN ${dayOfNs(lo) - 1} AND ${dayOfNs(hi) + 1}`;

/** The general plan: matching traces, sorted, paged and counted in one statement. */
const runGeneral = async (set: Spanset, window: Window, opts: RunTraceFilterOptions, cap: number) => {
  const plan = new PlanBuilder(window, cap, undefined, await isCitusStore());
  const result = await plan.build(set);
  const keyset = keysetSql(opts.orderBy, opts.after);
  type Row = Partial<SummaryRow> & { capped: boolean; total: bigint; matched: number | null };
  const rows = await db().$queryRaw<Row[]>`
    ${plan.withSql()},
    m AS (SELECT trace_id, count(DISTINCT span_id)::int AS matched FROM ${raw(result)} GROUP BY trace_id),
    p AS (SELECT t.*, m.matched FROM trace_summaries t JOIN m ON t.trace_id = m.trace_id WHERE ${traceDays(window)})
    SELECT c.capped, c.total, pg.* FROM (SELECT ${plan.cappedSql()} AS capped, (SELECT count(*) FROM p) AS total) c
    LEFT JOIN LATERAL (SELECT ${summaryColumns(opts.orderBy)}, t.matched FROM p t
      ${keyset.length > 0 ? Prisma.sql`WHERE ${Prisma.join(keyset, ' AND ')}` : Prisma.empty}
      ORDER BY ${orderSql(opts.orderBy)} LIMIT ${opts.size + 1}) pg ON TRUE`;
  const capped = rows[0]?.capped ?? false;
  const found = rows.filter((r) => r.trace_id != null) as (SummaryRow & { matched: number })[];
  const total = Number(rows[0]?.total ?? 0);
  return {
    rows: found.slice(0, opts.size).map(toStoredSummary),
    hasMore: found.length > opts.size,
    capped,
    ...(opts.withTotal && { total: { value: total, isEstimate: capped } }),
  };
};

/**
 * The walk, for spansets whose conditions match too many spans in the window to gather them
 * all: the summaries of the window in the order asked, a batch at a time, each batch's traces
 * put through the plan (restricted to them, so by spans_trace_id_idx), until the page is full.
 * Its cost follows the page, not the window; the total is then an estimate (the share of the
 * examined traces that matched, times the traces of the window).
 */
const runWalk = async (set: Spanset, window: Window, opts: RunTraceFilterOptions, maxBatches = Infinity) => {
  const inWindow = summaryWindowSql(window.lo, window.hi);
  const found: StoredTraceSummary[] = [];
  let after = opts.after;
  let examined = 0;
  let exhausted = false;
  let batches = 0;
  let short = false; // a batch came short: the window (after the cursor) held fewer traces than one batch
  while (found.length <= opts.size && examined < WALK_MAX_TRACES && batches++ < maxBatches) {
    const batch = (
      await db().$queryRaw<SummaryRow[]>`SELECT ${summaryColumns(opts.orderBy)} FROM trace_summaries t
        WHERE ${Prisma.join([...inWindow, ...keysetSql(opts.orderBy, after)], ' AND ')}
        ORDER BY ${orderSql(opts.orderBy)} LIMIT ${WALK_BATCH}`
    ).map(toStoredSummary);
    if (batch.length === 0) {
      exhausted = true;
      break;
    }
    // (no cap: the batch bounds the rows)
    const plan = new PlanBuilder(window, Number.MAX_SAFE_INTEGER, batch.map((r) => r.traceId), await isCitusStore());
    const result = await plan.build(set);
    const hits = new Set(
      (await db().$queryRaw<{ trace_id: string }[]>`${plan.withSql()} SELECT DISTINCT replace(trace_id::text, '-', '') AS trace_id FROM ${raw(result)}`).map((r) => r.trace_id),
    );
    for (const row of batch) {
      examined++;
      if (hits.has(row.traceId)) found.push(row);
      if (found.length > opts.size) break;
    }
    const last = batch[batch.length - 1];
    after = { key: last.sortKey, traceId: last.traceId };
    short ||= batch.length < WALK_BATCH;
    if (short && found.length <= opts.size) exhausted = true;
    if (exhausted) break;
  }
  const page = { rows: found.slice(0, opts.size), hasMore: found.length > opts.size };
  const complete = exhausted || found.length > opts.size;
  // A bounded walk answers only when its answer is as good as the whole-window plan's but for an
  // estimated total over a window too big for one batch: the page is full and the window went on,
  // or it examined every trace of the window (exact).
  if (maxBatches !== Infinity && !((found.length > opts.size && !short) || (exhausted && !opts.after))) return undefined;
  const cut = !complete;
  if (!opts.withTotal) return { ...page, capped: cut };
  if (exhausted && !opts.after) return { ...page, capped: false, total: { value: found.length, isEstimate: false } };
  const candidates = await countSummaries(inWindow);
  const value = Math.max(found.length, Math.round((found.length / Math.max(1, examined)) * candidates.value));
  return { ...page, capped: cut, total: { value, isEstimate: true } };
};

/** The one-spanset plan: the same search a TraceQuery runs. */
const runOneSpanset = async (where: SpanCondition, window: Window, opts: RunTraceFilterOptions) => {
  const { criteria, traceLevel } = await oneSpansetCriteria(where);
  const page = await findSummariesWhere({
    criteria,
    traceLevel,
    startMinNs: window.lo,
    startMaxNs: window.hi,
    orderBy: opts.orderBy,
    after: opts.after,
    size: opts.size,
    withTotal: opts.withTotal,
    ...(opts.candidateSpans !== undefined && { candidateSpans: opts.candidateSpans }),
  });
  // this plan never cuts: beyond its candidate list it walks the summaries (the total is then an estimate)
  return { ...page, capped: false };
};

type SpanRow = {
  trace_id: string; n: number; span_id: string; parent_span_id: string | null; start_ns: bigint; duration_ns: bigint;
  service_id: number; operation_id: number; resource_id: number; scope_id: number; status_code: number; attributes: EncodedAttributes;
};

/** The matched spans of some traces: the plan again, restricted to them. */
const matchedSpans = async (set: Spanset, window: Window, traceIds: string[], perTrace: number, cap: number) => {
  const out = new Map<string, { count: number; spans: StoredMatchedSpan[] }>();
  if (traceIds.length === 0) return out;
  const citus = await isCitusStore();
  const plan = new PlanBuilder(window, cap, traceIds, citus);
  const result = await plan.build(set);
  // Citus cannot push down the LATERAL … LIMIT 1 that reads each matched span's row: a join
  // there, kept to one row per matched span by DISTINCT ON (a span stored twice shows once)
  const spanRow = citus
    ? Prisma.sql`JOIN spans s ON s.trace_id = r.trace_id AND s.span_id = r.span_id AND s.start_ns = r.start_ns`
    : Prisma.sql`JOIN LATERAL (SELECT * FROM spans s WHERE s.trace_id = r.trace_id AND s.span_id = r.span_id AND s.start_ns = r.start_ns LIMIT 1) s ON TRUE`;
  const rows = await db().$queryRaw<SpanRow[]>`
    ${plan.withSql()},
    d AS (SELECT DISTINCT ON (trace_id, span_id) * FROM ${raw(result)} ORDER BY trace_id, span_id, start_ns),
    ranked AS (SELECT d.*, row_number() OVER (PARTITION BY trace_id ORDER BY start_ns, span_id) AS rn, count(*) OVER (PARTITION BY trace_id) AS n FROM d)
    SELECT ${citus ? Prisma.sql`DISTINCT ON (r.trace_id, r.rn)` : Prisma.empty} replace(r.trace_id::text, '-', '') AS trace_id, r.n::int AS n, encode(r.span_id, 'hex') AS span_id,
           encode(r.parent_span_id, 'hex') AS parent_span_id, r.start_ns, r.duration_ns, s.service_id, s.operation_id,
           s.resource_id, s.scope_id, s.status_code::int AS status_code, s.attributes
    FROM ranked r ${spanRow}
    WHERE r.rn <= ${perTrace} ORDER BY r.trace_id, r.rn`;
  for (const r of rows) {
    const entry = out.get(r.trace_id) ?? { count: r.n, spans: [] };
    entry.spans.push({
      spanId: r.span_id,
      ...(r.parent_span_id && { parentSpanId: r.parent_span_id }),
      startNs: r.start_ns,
      durationNs: r.duration_ns,
      serviceId: r.service_id,
      operationId: r.operation_id,
      resourceId: r.resource_id,
      scopeId: r.scope_id,
      statusCode: r.status_code,
      attributes: r.attributes,
    });
    out.set(r.trace_id, entry);
  }
  return out;
};

/**
 * `{ } | count() > n` (maybe with trace-level conditions in the braces): the count of a trace's
 * spans in the window is its summary's span count when the whole trace lies in the window, so
 * only the traces that straddle an edge of the window count their spans. Undefined when the
 * spanset is not of that shape.
 */
const countOfAllSpans = async (set: Spanset, window: Window, opts: RunTraceFilterOptions) => {
  if (set.kind !== 'pipeline' || set.source.kind !== 'spans' || set.stages.length !== 1) return undefined;
  const [stage] = set.stages;
  if (stage.kind !== 'aggregate' || stage.fn !== 'count') return undefined;
  const conjuncts = conjunctsOf(set.source.where).filter((c) => c.kind !== 'true');
  if (!conjuncts.every(isTraceLevel)) return undefined;
  const op = raw(stage.op === '!=' ? '<>' : stage.op);
  const n = literalNumber(stage.value);
  const { lo, hi } = window;
  const counted = Prisma.sql`(CASE WHEN t.start_ns >= ${lo} AND t.last_start_ns <= ${hi} THEN t.span_count
    ELSE (SELECT count(DISTINCT s.span_id) FROM spans s WHERE s.trace_id = t.trace_id AND s.start_ns BETWEEN ${lo} AND ${hi}) END) ${op} ${n}::numeric`;
  const traceLevel = [...(await Promise.all(conjuncts.map((c) => spanConditionSql(c, { trace: 't' })))), counted];
  const page = await findSummariesWhere({
    criteria: { where: Prisma.sql`TRUE`, any: false, onlyService: false },
    traceLevel,
    startMinNs: lo,
    startMaxNs: hi,
    orderBy: opts.orderBy,
    after: opts.after,
    size: opts.size,
    withTotal: opts.withTotal,
  });
  return { ...page, capped: false };
};

/**
 * One batch of the walk first: when most traces of the window match (a left side on the root
 * service, say), that batch fills the page, and the whole-window plan would have read every
 * span of thousands of traces to count them exactly (measured at one hour of a 10-million-span
 * store: 2.2 s for `{root service} >> {db span}`). The total is then the walk's estimate, as
 * Tempo gives none at all. Otherwise the whole-window plan when its leaves stay under the cap,
 * else the rest of the walk.
 */
const runGeneralOrWalk = async (set: Spanset, window: Window, opts: RunTraceFilterOptions, cap: number) => {
  const first = await runWalk(set, window, opts, 1);
  if (first) return first;
  const whole = await runGeneral(set, window, opts, cap);
  return whole.capped ? (await runWalk(set, window, opts))! : whole; // (unbounded, the walk always answers)
};

/** Whether a spanset is one spanset filter (the single-spanset plan applies). */
const isOneSpanset = (set: Spanset): set is Extract<Spanset, { kind: 'spans' }> => set.kind === 'spans';

/** Raised for a filter the store refuses while running it (an invalid regular expression). */
export class FilterRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterRunError';
  }
}

/** PostgreSQL's invalid_regular_expression, as a refusal rather than a failure. */
const refuseBadRegex = (err: unknown): never => {
  const text = String((err as Error)?.message ?? err);
  const match = /invalid regular expression: ([^"\n]*)/i.exec(text);
  if (match || /2201B/.test(text)) throw new FilterRunError(`invalid regular expression: ${match?.[1] ?? 'not accepted'}`);
  if (err instanceof FilterCompileError) throw new FilterRunError(err.message);
  throw err;
};

/** One page of the traces matching `filter`, their total, and the page's matched spans. */
export const runTraceFilter = async (opts: RunTraceFilterOptions): Promise<TraceFilterPage> => {
  const window = { lo: opts.startMinNs, hi: opts.startMaxNs };
  const cap = opts.candidateSpans ?? CANDIDATE_SPANS;
  const selected = selectsOf(opts.filter.root);
  const set = withoutSelects(opts.filter.root);
  try {
    const page = isOneSpanset(set)
      ? await runOneSpanset(set.where, window, opts)
      : ((await countOfAllSpans(set, window, opts)) ?? (await runGeneralOrWalk(set, window, opts, cap)));
    // (a search that shows no spans, such as Jaeger's, skips finding them)
    const matched = opts.spansPerSpanset > 0 ? await matchedSpans(set, window, page.rows.map((r) => r.traceId), opts.spansPerSpanset, cap) : new Map();
    return { ...page, matched, selected };
  } catch (err) {
    return refuseBadRegex(err);
  }
};
