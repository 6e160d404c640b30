import type { CompareOp, Intrinsic, Literal, Operand, SpanCondition } from '@/lib/filter/filter-ast';
import { TRACE_INTRINSICS } from '@/lib/filter/filter-ast';
import { toPostgresRegex } from '@/lib/filter/to-postgres-regex';
import { encodeInt, storedCandidates, type EncodedValue } from '@/lib/model/attribute-value';
import { spanKindOfWord } from '@/lib/model/conventions';
import { StatusCode } from '@/lib/model/span-record';
import { db } from '@/lib/store/db';
import { Prisma } from '@/lib/store/generated/client';
import { storedKeyForms } from './read-dimensions';
import { operandsOf } from '@/lib/filter/operands-of';

// One SpanCondition of the filter AST (lib/filter/filter-ast.ts) as a SQL condition on a span
// row `s`, with the AST's semantics:
//  - every leaf is TRUE or FALSE, never NULL, and FALSE where its value is absent, so that only
//    `not` (SQL NOT) flips an absent value to true (RFC 0005 §5.3);
//  - numeric comparisons read the stored type (lib/model/attribute-value.ts): a JSON number is an
//    int, {"i":…} a big int, {"d":…} a double; strings and bools never compare as numbers;
//  - an untyped literal (RFC 0005 bare scalar, Jaeger tag value) equals any stored value whose
//    string form it is (the same typed readings Jaeger's tag search tries, storedCandidates).
//
// What indexes can answer is written the way they answer it: equality on span, event and link
// attributes as jsonb containment (@>, the only operator the jsonb_path_ops GIN indexes serve);
// service, operation (name, kind), resource and scope conditions turned into id lists first
// (the small dimension tables are searched, then `s.service_id = ANY(...)` uses the
// (service_id, start_ns, operation_id) index). The rest (regex, ordering, inequality, existence)
// is evaluated on the rows those narrow down to; the caller always adds a time window.

export type ConditionContext = {
  /**
   * How a trace-level intrinsic is read: from the summary row `t` the caller joined (a hoisted
   * conjunct), or from a correlated lookup of the span's trace summary.
   */
  trace: 't' | 'lookup';
};

/** A refusal found while compiling (the validator normally catches these first). */
export class FilterCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterCompileError';
  }
}

const TRUE = Prisma.sql`TRUE`;
const FALSE = Prisma.sql`FALSE`;
const raw = Prisma.raw;
const jsonb = (v: unknown) => Prisma.sql`${JSON.stringify(v)}::jsonb`;
const orAll = (parts: Prisma.Sql[]) => (parts.length === 0 ? FALSE : parts.length === 1 ? parts[0] : Prisma.sql`(${Prisma.join(parts, ' OR ')})`);
const andAll = (parts: Prisma.Sql[]) => (parts.length === 0 ? TRUE : parts.length === 1 ? parts[0] : Prisma.sql`(${Prisma.join(parts, ' AND ')})`);
/** NULL (an absent value, a type that does not compare) becomes FALSE, so NOT flips only real answers. */
const definite = (sql: Prisma.Sql) => Prisma.sql`COALESCE(${sql}, FALSE)`;

const SQL_OP: Record<CompareOp, string> = { '=': '=', '!=': '<>', '>': '>', '>=': '>=', '<': '<', '<=': '<=' };
const isOrdering = (op: CompareOp) => op !== '=' && op !== '!=';

// ── constants ──

/** A literal as a number, when it is one (ints, doubles, durations in ns; an untyped one that reads as a number). */
const numericOf = (lit: Literal): string | undefined => {
  switch (lit.type) {
    case 'int':
    case 'duration':
      return lit.value.toString();
    case 'double':
      return Number.isFinite(lit.value) ? String(lit.value) : undefined;
    case 'untyped':
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(lit.value) ? lit.value : undefined;
    default:
      return undefined;
  }
};

/** The stored encodings equal to a literal (for containment); undefined when the literal has no stored form (kind, status). */
const encodingsOf = (lit: Literal): EncodedValue[] | undefined => {
  switch (lit.type) {
    case 'string':
      return [lit.value];
    case 'untyped':
      return storedCandidates(lit.value);
    case 'bool':
      return [lit.value];
    case 'int':
    case 'duration':
      // an int equals the double of the same value (Tempo compares them numerically)
      return Number.isSafeInteger(Number(lit.value)) ? [encodeInt(lit.value), { d: Number(lit.value) }] : [encodeInt(lit.value)];
    case 'double':
      return Number.isInteger(lit.value) ? [{ d: lit.value }, encodeInt(lit.value)] : [{ d: lit.value }];
    default:
      return undefined;
  }
};

// ── a stored (jsonb) value `v`, which is NULL when absent ──

/** The number a stored value holds, NULL for anything else (strings, bools, NaN). */
const storedNumber = (v: Prisma.Sql) => Prisma.sql`(CASE jsonb_typeof(${v})
  WHEN 'number' THEN (${v} #>> '{}')::numeric
  WHEN 'object' THEN CASE WHEN jsonb_typeof(${v} -> 'i') = 'string' THEN (${v} ->> 'i')::numeric
                          WHEN jsonb_typeof(${v} -> 'd') = 'number' THEN (${v} ->> 'd')::numeric END END)`;
const storedString = (v: Prisma.Sql) => Prisma.sql`(CASE WHEN jsonb_typeof(${v}) = 'string' THEN ${v} #>> '{}' END)`;

/** A comparison of a stored value with a literal; NULL where absent or of another type. */
const compareStored = (v: Prisma.Sql, op: CompareOp, lit: Literal): Prisma.Sql => {
  const sqlOp = raw(SQL_OP[op]);
  const number = numericOf(lit);
  switch (lit.type) {
    case 'string':
      return Prisma.sql`(${storedString(v)} COLLATE "C" ${sqlOp} ${lit.value})`;
    case 'bool':
      if (isOrdering(op)) return FALSE;
      return Prisma.sql`(CASE WHEN jsonb_typeof(${v}) = 'boolean' THEN ${v} ${sqlOp} ${jsonb(lit.value)} END)`;
    case 'int':
    case 'double':
    case 'duration':
      return number === undefined ? FALSE : Prisma.sql`(${storedNumber(v)} ${sqlOp} ${number}::numeric)`;
    case 'untyped': {
      // the string form: equal to any typed reading; ordered as a number when it reads as one
      if (op === '=') return Prisma.sql`(${v} = ANY(${storedCandidates(lit.value).map((c) => JSON.stringify(c))}::jsonb[]))`;
      if (op === '!=') return Prisma.sql`(${v} IS NOT NULL AND NOT (${v} = ANY(${storedCandidates(lit.value).map((c) => JSON.stringify(c))}::jsonb[])))`;
      return number !== undefined
        ? Prisma.sql`(${storedNumber(v)} ${sqlOp} ${number}::numeric)`
        : Prisma.sql`(${storedString(v)} COLLATE "C" ${sqlOp} ${lit.value})`;
    }
    default:
      return FALSE;
  }
};

const regexSql = (text: Prisma.Sql, pattern: string, mode: 'whole' | 'anywhere', negated: boolean) => {
  // RE2 as the PostgreSQL ARE that matches the same strings, anchored to the whole value for
  // TraceQL and anywhere for RFC 0005 (lib/filter/to-postgres-regex.ts)
  let are: string;
  try {
    are = toPostgresRegex(pattern, mode);
  } catch (err) {
    throw new FilterCompileError((err as Error).message);
  }
  return Prisma.sql`(${text} ${raw(negated ? '!~' : '~')} ${are})`;
};

/** A leaf about one stored value `v` (NULL when absent); TRUE/FALSE, never NULL. */
const leafOnStored = (v: Prisma.Sql, cond: SpanCondition): Prisma.Sql => {
  switch (cond.kind) {
    case 'compare':
      return definite(compareStored(v, cond.op, cond.value));
    case 'regex':
      return definite(regexSql(storedString(v), cond.pattern, cond.mode, cond.negated));
    case 'exists':
      return cond.negated ? Prisma.sql`(${v} IS NULL)` : Prisma.sql`(${v} IS NOT NULL)`;
    case 'in':
      return cond.negated
        ? definite(andAll(cond.values.map((lit) => compareStored(v, '!=', lit))))
        : orAll(cond.values.map((lit) => definite(compareStored(v, '=', lit))));
    default:
      throw new Error(`not a leaf: ${cond.kind}`);
  }
};

// ── a text or number column that is always present ──

const compareText = (col: Prisma.Sql, op: CompareOp, lit: Literal): Prisma.Sql => {
  if (lit.type !== 'string' && lit.type !== 'untyped') return FALSE;
  // ordered by code point (as Tempo compares strings); equality without COLLATE, so the
  // dimension tables' unique indexes on name still answer it
  return isOrdering(op) ? Prisma.sql`(${col} COLLATE "C" ${raw(SQL_OP[op])} ${lit.value})` : Prisma.sql`(${col} ${raw(SQL_OP[op])} ${lit.value})`;
};

const leafOnText = (col: Prisma.Sql, cond: SpanCondition, present: Prisma.Sql = TRUE): Prisma.Sql => {
  switch (cond.kind) {
    case 'compare':
      return definite(Prisma.sql`(${present} AND ${compareText(col, cond.op, cond.value)})`);
    case 'regex':
      return definite(Prisma.sql`(${present} AND ${regexSql(col, cond.pattern, cond.mode, cond.negated)})`);
    case 'exists':
      return cond.negated ? Prisma.sql`(NOT ${present})` : present;
    case 'in':
      return cond.negated
        ? definite(Prisma.sql`(${present} AND ${andAll(cond.values.map((lit) => compareText(col, '!=', lit)))})`)
        : definite(Prisma.sql`(${present} AND ${orAll(cond.values.map((lit) => compareText(col, '=', lit)))})`);
    default:
      throw new Error(`not a leaf: ${cond.kind}`);
  }
};

const compareNumber = (col: Prisma.Sql, op: CompareOp, lit: Literal): Prisma.Sql => {
  const n = numericOf(lit);
  return n === undefined ? FALSE : Prisma.sql`(${col} ${raw(SQL_OP[op])} ${n}::numeric)`;
};

const leafOnNumber = (col: Prisma.Sql, cond: SpanCondition): Prisma.Sql => {
  switch (cond.kind) {
    case 'compare':
      return definite(compareNumber(col, cond.op, cond.value));
    case 'exists':
      return cond.negated ? Prisma.sql`(${col} IS NULL)` : Prisma.sql`(${col} IS NOT NULL)`;
    case 'in':
      return cond.negated
        ? definite(andAll(cond.values.map((lit) => compareNumber(col, '!=', lit))))
        : definite(orAll(cond.values.map((lit) => compareNumber(col, '=', lit))));
    case 'regex':
      return definite(regexSql(Prisma.sql`${col}::text`, cond.pattern, cond.mode, cond.negated));
    default:
      throw new Error(`not a leaf: ${cond.kind}`);
  }
};

// ── dimension lookups: a leaf on a dimension's column becomes an id list ──

const idsWhere = async (table: 'services' | 'operations' | 'resources' | 'scopes', where: Prisma.Sql): Promise<number[]> => {
  const rows = await db().$queryRaw<{ id: number }[]>`SELECT id FROM ${raw(table)} d WHERE ${where}`;
  return rows.map((r) => r.id);
};

const inIds = (column: Prisma.Sql, ids: number[]) => (ids.length === 0 ? FALSE : Prisma.sql`${column} = ANY(${ids}::int[])`);

const KIND_OF_WORD: Record<string, number> = { unspecified: 0, internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };
const STATUS_OF_WORD: Record<string, number> = { unset: StatusCode.UNSET, ok: StatusCode.OK, error: StatusCode.ERROR };

/** A kind or status literal as its number (typed words, or an untyped/string word such as Jaeger's `span.kind=server`). */
const enumOf = (lit: Literal, table: Record<string, number>, parse?: (w: string) => number | undefined): number | undefined => {
  if (lit.type === 'kind' || lit.type === 'status') return table[lit.value];
  if (lit.type === 'string' || lit.type === 'untyped') return table[lit.value.toLowerCase()] ?? parse?.(lit.value);
  if (lit.type === 'int') return Number(lit.value);
  return undefined;
};

const leafOnEnum = (col: Prisma.Sql, cond: SpanCondition, table: Record<string, number>, parse?: (w: string) => number | undefined): Prisma.Sql => {
  const codes = (lits: Literal[]) => lits.map((l) => enumOf(l, table, parse)).filter((c): c is number => c !== undefined);
  switch (cond.kind) {
    case 'compare': {
      const code = enumOf(cond.value, table, parse);
      if (code === undefined) return FALSE;
      if (isOrdering(cond.op)) return Prisma.sql`(${col} ${raw(SQL_OP[cond.op])} ${code})`;
      return Prisma.sql`(${col} ${raw(SQL_OP[cond.op])} ${code})`;
    }
    case 'in': {
      const list = codes(cond.values);
      if (list.length === 0) return cond.negated ? TRUE : FALSE;
      return cond.negated ? Prisma.sql`(NOT (${col} = ANY(${list}::int[])))` : Prisma.sql`(${col} = ANY(${list}::int[]))`;
    }
    case 'exists':
      return cond.negated ? FALSE : TRUE;
    case 'regex':
      // kinds and statuses match by their words
      return definite(
        regexSql(
          Prisma.sql`(${Prisma.join(
            Object.entries(table).map(([word, code]) => Prisma.sql`CASE WHEN ${col} = ${code} THEN ${word} END`),
            ' || ',
          )})`,
          cond.pattern,
          cond.mode,
          cond.negated,
        ),
      );
    default:
      throw new Error(`not a leaf: ${cond.kind}`);
  }
};

// ── operands ──

type Leaf = Extract<SpanCondition, { kind: 'compare' | 'regex' | 'exists' | 'in' }>;

const hex = (s: string) => s.toLowerCase();
const isHex = (s: string) => /^[0-9a-fA-F]*$/.test(s);

const TRACE_COLUMN: Partial<Record<Intrinsic, string>> = {
  traceDuration: 'duration_ns',
  spanCount: 'span_count',
  errorCount: 'error_count',
  rootService: 'root_service_id',
  rootName: 'root_operation_id',
};

const traceColumn = (name: Intrinsic, ctx: ConditionContext) => {
  const column = TRACE_COLUMN[name];
  if (!column) throw new Error(`not a trace intrinsic: ${name}`);
  if (ctx.trace === 't') return raw(`t.${column}`);
  // the span's trace summary (trace_summaries_pkey on trace_id); one row per trace
  return Prisma.sql`(SELECT tt.${raw(column)} FROM trace_summaries tt WHERE tt.trace_id = s.trace_id LIMIT 1)`;
};

/** A condition on an intrinsic of span `s` (or of `e`, the event inside `some`). */
const intrinsicLeaf = async (name: Intrinsic, cond: Leaf, ctx: ConditionContext): Promise<Prisma.Sql> => {
  switch (name) {
    case 'name': {
      // operation ids, and their services, so the (service_id, start_ns, operation_id) index applies
      const rows = await db().$queryRaw<{ id: number; service_id: number }[]>`
        SELECT id, service_id FROM operations d WHERE ${leafOnText(raw('d.name'), cond)}`;
      if (rows.length === 0) return FALSE;
      return Prisma.sql`(${inIds(raw('s.service_id'), [...new Set(rows.map((r) => r.service_id))])} AND ${inIds(raw('s.operation_id'), rows.map((r) => r.id))})`;
    }
    case 'service':
      return inIds(raw('s.service_id'), await idsWhere('services', leafOnText(raw('d.name'), cond)));
    case 'kind':
      return inIds(raw('s.operation_id'), await idsWhere('operations', leafOnEnum(raw('d.kind'), cond, KIND_OF_WORD, spanKindOfWord)));
    case 'status':
      return leafOnEnum(raw('s.status_code'), cond, STATUS_OF_WORD);
    case 'statusMessage':
      return leafOnText(Prisma.sql`COALESCE(s.status_message, '')`, cond);
    case 'duration':
      return leafOnNumber(raw('s.duration_ns'), cond);
    case 'start':
      return leafOnNumber(raw('s.start_ns'), cond);
    case 'traceId': {
      if (cond.kind === 'compare' && cond.op === '=' && (cond.value.type === 'string' || cond.value.type === 'untyped')) {
        const v = cond.value.value.padStart(32, '0');
        return isHex(v) && v.length === 32 ? Prisma.sql`(s.trace_id = ${hex(v)}::uuid)` : FALSE;
      }
      return leafOnText(Prisma.sql`replace(s.trace_id::text, '-', '')`, lowerHexLeaf(cond));
    }
    case 'spanId':
      return leafOnText(Prisma.sql`encode(s.span_id, 'hex')`, lowerHexLeaf(cond));
    case 'parentSpanId':
      return leafOnText(Prisma.sql`COALESCE(encode(s.parent_span_id, 'hex'), '')`, lowerHexLeaf(cond), Prisma.sql`(s.parent_span_id IS NOT NULL)`);
    case 'traceState':
      return leafOnText(Prisma.sql`COALESCE(s.trace_state, '')`, cond, Prisma.sql`(s.trace_state IS NOT NULL)`);
    case 'scopeName':
      return inIds(raw('s.scope_id'), await idsWhere('scopes', leafOnText(raw('d.name'), cond)));
    case 'scopeVersion':
      return inIds(raw('s.scope_id'), await idsWhere('scopes', leafOnText(raw('d.version'), cond)));
    case 'eventName':
      return leafOnText(Prisma.sql`COALESCE(e.value ->> 'n', '')`, cond, Prisma.sql`(e.value ? 'n')`);
    case 'traceDuration':
    case 'spanCount':
    case 'errorCount':
      return leafOnNumber(traceColumn(name, ctx), cond);
    case 'rootService':
      return inIds(traceColumn(name, ctx), await idsWhere('services', leafOnText(raw('d.name'), cond)));
    case 'rootName':
      return inIds(traceColumn(name, ctx), await idsWhere('operations', leafOnText(raw('d.name'), cond)));
  }
};

/** Ids are compared in lower-case hex, whatever case the query wrote. */
const lowerHexLeaf = (cond: Leaf): Leaf => {
  const lower = (lit: Literal): Literal => (lit.type === 'string' || lit.type === 'untyped' ? { ...lit, value: lit.value.toLowerCase() } : lit);
  if (cond.kind === 'compare') return { ...cond, value: lower(cond.value) };
  if (cond.kind === 'in') return { ...cond, values: cond.values.map(lower) };
  return cond;
};

/** Equality a containment can answer: `=` or `in` of literals with stored forms. */
const containmentValues = (cond: Leaf): EncodedValue[] | undefined => {
  if (cond.kind === 'compare' && cond.op === '=') return encodingsOf(cond.value);
  if (cond.kind === 'in' && !cond.negated) {
    const all = cond.values.map(encodingsOf);
    return all.every((x) => x !== undefined) ? all.flat() as EncodedValue[] : undefined;
  }
  return undefined;
};

/** s.attributes holds the key (in either stored form) with the value: containment, for the GIN index. */
const spanAttributeContains = (forms: string[], values: EncodedValue[]) =>
  orAll(forms.flatMap((form) => values.map((v) => Prisma.sql`s.attributes @> ${jsonb({ [form]: v })}`)));

/** The span's own value of an attribute (either stored key form), NULL when absent. */
export const spanAttributeValue = (forms: string[]) =>
  forms.length === 1
    ? Prisma.sql`(s.attributes -> ${forms[0]})`
    : Prisma.sql`COALESCE(${Prisma.join(forms.map((f) => Prisma.sql`s.attributes -> ${f}`), ', ')})`;

const spanAttributeLeaf = async (key: string, cond: Leaf): Promise<Prisma.Sql> => {
  const forms = await storedKeyForms(key);
  const values = containmentValues(cond);
  if (values) return spanAttributeContains(forms, values);
  return leafOnStored(spanAttributeValue(forms), cond);
};

const dimensionAttributeLeaf = async (table: 'resources' | 'scopes', key: string, cond: Leaf): Promise<Prisma.Sql> => {
  const column = raw(table === 'resources' ? 's.resource_id' : 's.scope_id');
  const values = containmentValues(cond);
  // containment first, so resources_attributes_gin / scopes_attributes_gin answer equality
  const where = values ? orAll(values.map((v) => Prisma.sql`d.attributes @> ${jsonb({ [key]: v })}`)) : leafOnStored(Prisma.sql`(d.attributes -> ${key})`, cond);
  return inIds(column, await idsWhere(table, where));
};

/** The attribute of the event/link `e` (inside `some`). */
const elementAttributeLeaf = (key: string, cond: Leaf) => leafOnStored(Prisma.sql`(e.value -> 'a' -> ${key})`, cond);

const operandLeaf = async (operand: Operand, cond: Leaf, ctx: ConditionContext, inside?: 'event' | 'link'): Promise<Prisma.Sql> => {
  if (operand.kind === 'intrinsic') {
    if (operand.name === 'eventName' && inside !== 'event') return someSql('event', cond, ctx);
    return intrinsicLeaf(operand.name, cond, ctx);
  }
  const { scope, key } = operand;
  switch (scope) {
    case 'span':
      return spanAttributeLeaf(key, cond);
    case 'resource':
      return dimensionAttributeLeaf('resources', key, cond);
    case 'scope':
      return dimensionAttributeLeaf('scopes', key, cond);
    case 'event':
    case 'link':
      // outside `some`, an event attribute is about some event of the span
      if (inside !== scope) return someSql(scope, cond, ctx);
      return elementAttributeLeaf(key, cond);
    case 'unscoped': {
      // the span's value if it has the key, else its resource's (TraceQL's `.key`)
      const forms = await storedKeyForms(key);
      const has = orAll(forms.map((f) => Prisma.sql`s.attributes ? ${f}`));
      const [onSpan, onResource] = await Promise.all([spanAttributeLeaf(key, cond), dimensionAttributeLeaf('resources', key, cond)]);
      if (cond.kind === 'exists') return cond.negated ? Prisma.sql`(NOT ${has} AND ${onResource})` : Prisma.sql`(${has} OR ${onResource})`;
      return Prisma.sql`(${onSpan} OR (NOT ${has} AND ${onResource}))`;
    }
  }
};

/** The top-level conjuncts of a condition. */
export const conjunctsOf = (cond: SpanCondition): SpanCondition[] => (cond.kind === 'and' ? cond.args.flatMap(conjunctsOf) : [cond]);

/** Containments implied by `where` over events/links, so the events/links GIN index narrows the rows first. */
const elementPushdown = async (over: 'event' | 'link', where: SpanCondition): Promise<Prisma.Sql[]> => {
  const column = raw(over === 'event' ? 's.events' : 's.links');
  const out: Prisma.Sql[] = [];
  for (const c of conjunctsOf(where)) {
    if (c.kind !== 'compare' && c.kind !== 'in') continue;
    const values = containmentValues(c);
    if (!values || values.length === 0) continue;
    if (c.operand.kind === 'attribute' && c.operand.scope === over) {
      out.push(orAll(values.map((v) => Prisma.sql`${column} @> ${jsonb([{ a: { [(c.operand as { key: string }).key]: v } }])}`)));
    } else if (c.operand.kind === 'intrinsic' && c.operand.name === 'eventName' && over === 'event') {
      const names = values.filter((v): v is string => typeof v === 'string');
      if (names.length > 0) out.push(orAll(names.map((n) => Prisma.sql`${column} @> ${jsonb([{ n }])}`)));
    }
  }
  return out;
};

/** One event (link) of the span satisfies all of `where`. */
const someSql = async (over: 'event' | 'link', where: SpanCondition, ctx: ConditionContext): Promise<Prisma.Sql> => {
  const column = raw(over === 'event' ? 's.events' : 's.links');
  const inner = await compile(where, ctx, over);
  const pushdown = await elementPushdown(over, where);
  return Prisma.sql`(${column} IS NOT NULL AND ${andAll([...pushdown, Prisma.sql`EXISTS (SELECT 1 FROM jsonb_array_elements(${column}) e WHERE ${inner})`])})`;
};

const compile = async (cond: SpanCondition, ctx: ConditionContext, inside?: 'event' | 'link'): Promise<Prisma.Sql> => {
  switch (cond.kind) {
    case 'true':
      return TRUE;
    case 'false':
      return FALSE;
    case 'and':
      return andAll(await Promise.all(cond.args.map((a) => compile(a, ctx, inside))));
    case 'or':
      return orAll(await Promise.all(cond.args.map((a) => compile(a, ctx, inside))));
    case 'not':
      return Prisma.sql`(NOT ${await compile(cond.arg, ctx, inside)})`;
    case 'some':
      if (inside) throw new FilterCompileError(`"some" over ${cond.over}s cannot be nested inside another "some"`);
      return someSql(cond.over, cond.where, ctx);
    default:
      return operandLeaf(cond.operand, cond, ctx, inside);
  }
};

/** The SQL condition a span row `s` meets when it satisfies `cond`. */
export const spanConditionSql = (cond: SpanCondition, ctx: ConditionContext = { trace: 'lookup' }): Promise<Prisma.Sql> => compile(cond, ctx);

// ── about a condition, for the planner of run-trace-filter ──

/** Whether a condition reads only trace-level fields (the same for every span of a trace). */
export const isTraceLevel = (cond: SpanCondition): boolean => {
  const operands = operandsOf(cond);
  return operands.length > 0 && operands.every((o) => o.kind === 'intrinsic' && TRACE_INTRINSICS.includes(o.name));
};

/** The service id a conjunct pins (`service = "x"`), for the summaries' service list. */
export const pinnedServiceId = async (cond: SpanCondition): Promise<number | undefined> => {
  for (const c of conjunctsOf(cond)) {
    if (c.kind === 'compare' && c.op === '=' && c.operand.kind === 'intrinsic' && c.operand.name === 'service' &&
        (c.value.type === 'string' || c.value.type === 'untyped')) {
      const ids = await idsWhere('services', Prisma.sql`d.name = ${c.value.value}`);
      return ids[0] ?? -1;
    }
  }
  return undefined;
};

/** A numeric value of span `s` to aggregate (avg, min, max, sum); NULL where absent or not a number. */
export const numericOperandSql = async (operand: Operand): Promise<Prisma.Sql> => {
  if (operand.kind === 'intrinsic') {
    switch (operand.name) {
      case 'duration':
        return raw('s.duration_ns::numeric');
      case 'start':
        return raw('s.start_ns::numeric');
      case 'traceDuration':
      case 'spanCount':
      case 'errorCount':
        return Prisma.sql`${traceColumn(operand.name, { trace: 'lookup' })}::numeric`;
      default:
        throw new FilterCompileError(`cannot aggregate ${operand.name}: it is not a number`);
    }
  }
  switch (operand.scope) {
    case 'span':
      return storedNumber(spanAttributeValue(await storedKeyForms(operand.key)));
    case 'resource':
      return storedNumber(Prisma.sql`(SELECT d.attributes -> ${operand.key} FROM resources d WHERE d.id = s.resource_id)`);
    case 'scope':
      return storedNumber(Prisma.sql`(SELECT d.attributes -> ${operand.key} FROM scopes d WHERE d.id = s.scope_id)`);
    case 'unscoped':
      return storedNumber(
        Prisma.sql`COALESCE(${spanAttributeValue(await storedKeyForms(operand.key))}, (SELECT d.attributes -> ${operand.key} FROM resources d WHERE d.id = s.resource_id))`,
      );
    default:
      throw new FilterCompileError(`cannot aggregate an ${operand.scope} attribute: a span has many`);
  }
};
