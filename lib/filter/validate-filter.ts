import {
  FILTER_LIMITS,
  type CompareOp,
  type FilterError,
  type Intrinsic,
  type Literal,
  type Operand,
  type PipelineStage,
  type SpanCondition,
  type Spanset,
  type TraceFilter,
} from './filter-ast';
import { translateRegex } from './to-postgres-regex';
import { operandText } from './traceql-names';

// The rules every door enforces, in one place: both parsers call validateFilter on what they
// built (and the per-leaf checks below while they still know a leaf's position or path), and
// the executor may rely on a validated filter being bounded and well typed.

/** What kind of value an intrinsic holds; it decides which constants and operators it takes. */
export type ValueKind = 'text' | 'duration' | 'kind' | 'status' | 'count' | 'timestamp';

export const INTRINSIC_KIND: Record<Intrinsic, ValueKind> = {
  name: 'text',
  service: 'text',
  kind: 'kind',
  status: 'status',
  statusMessage: 'text',
  duration: 'duration',
  start: 'timestamp',
  traceId: 'text',
  spanId: 'text',
  parentSpanId: 'text',
  traceState: 'text',
  scopeName: 'text',
  scopeVersion: 'text',
  eventName: 'text',
  traceDuration: 'duration',
  rootService: 'text',
  rootName: 'text',
  spanCount: 'count',
  errorCount: 'count',
};

const literalText = (v: Literal): string => {
  switch (v.type) {
    case 'string':
    case 'untyped':
      return JSON.stringify(v.value);
    case 'duration':
      return `${v.value}ns`;
    default:
      return String(v.value);
  }
};

const ORDERED: ReadonlySet<CompareOp> = new Set(['>', '>=', '<', '<=']);

/** Why `operand op value` is refused, or undefined when it is fine. */
export const comparisonError = (operand: Operand, op: CompareOp, value: Literal): string | undefined => {
  const name = operandText(operand);
  const shown = literalText(value);
  if (operand.kind === 'attribute') {
    if (value.type === 'duration') return `${name} is an attribute: a duration constant (${shown}) compares only with a duration field`;
    if (value.type === 'kind') return `span kind ${value.value} compares only with span:kind`;
    if (value.type === 'status') return `status ${value.value} compares only with span:status`;
    if (value.type === 'bool' && ORDERED.has(op)) return `booleans have no order: ${name} ${op} ${shown}`;
    return undefined;
  }
  switch (INTRINSIC_KIND[operand.name]) {
    case 'text':
      return value.type === 'string' || value.type === 'untyped' ? undefined : `${name} holds text: compare it with a string, not ${shown}`;
    case 'duration':
      return value.type === 'duration' ? undefined : `${name} is a duration: compare it with a duration such as 100ms, not ${shown}`;
    case 'kind':
      if (value.type !== 'kind') return `${name} compares with a kind word (server, client, producer, consumer, internal, unspecified), not ${shown}`;
      return op === '=' || op === '!=' ? undefined : `span kinds have no order: use = or != with ${name}`;
    case 'status':
      if (value.type !== 'status') return `${name} compares with a status word (error, ok, unset), not ${shown}`;
      return op === '=' || op === '!=' ? undefined : `statuses have no order: use = or != with ${name}`;
    case 'count':
      return value.type === 'int' || value.type === 'double' ? undefined : `${name} is a number: compare it with a number, not ${shown}`;
    case 'timestamp':
      return value.type === 'int' ? undefined : `${name} is a time in unix nanoseconds: compare it with an integer, not ${shown}`;
  }
};

/** Why a regular expression on `operand` is refused ({message, index into the pattern}), or undefined. */
export const regexError = (operand: Operand, pattern: string): { message: string; index?: number } | undefined => {
  if (operand.kind === 'intrinsic' && INTRINSIC_KIND[operand.name] !== 'text') {
    return { message: `${operandText(operand)} is not text: regular expressions match only text fields and attributes` };
  }
  if (pattern.length > FILTER_LIMITS.maxRegexLength) {
    return { message: `regular expression longer than ${FILTER_LIMITS.maxRegexLength} characters` };
  }
  const r = translateRegex(pattern);
  return r.ok ? undefined : { message: `invalid regular expression: ${r.message}`, index: r.index };
};

/** Why an aggregate stage is refused, or undefined. */
export const aggregateError = (stage: Extract<PipelineStage, { kind: 'aggregate' }>): string | undefined => {
  const { fn, operand, value } = stage;
  const numeric = value.type === 'int' || value.type === 'double';
  if (fn === 'count') {
    if (operand !== undefined) return 'count() takes no argument';
    return numeric ? undefined : `count() is a number: compare it with a number, not ${literalText(value)}`;
  }
  if (operand === undefined) return `${fn}() needs a field, e.g. ${fn}(span:duration)`;
  const kind = operand.kind === 'attribute' ? 'attribute' : INTRINSIC_KIND[operand.name];
  if (kind === 'duration') {
    return value.type === 'duration' ? undefined : `${fn}(${operandText(operand)}) is a duration: compare it with a duration such as 100ms`;
  }
  if (kind === 'attribute' || kind === 'count') {
    return numeric ? undefined : `${fn}(${operandText(operand)}) is a number: compare it with a number, not ${literalText(value)}`;
  }
  return `${fn}() needs a numeric or duration field, not ${operandText(operand)}`;
};

type Walk = { leaves: number; error?: FilterError };

const conditionError = (c: SpanCondition, depth: number, w: Walk, insideSome?: 'event' | 'link'): FilterError | undefined => {
  if (depth > FILTER_LIMITS.maxDepth) return { message: `filter nested deeper than ${FILTER_LIMITS.maxDepth} levels` };
  const leaf = () => (++w.leaves > FILTER_LIMITS.maxLeaves ? { message: `more than ${FILTER_LIMITS.maxLeaves} conditions in one filter` } : undefined);
  switch (c.kind) {
    case 'compare': {
      const m = comparisonError(c.operand, c.op, c.value);
      return m !== undefined ? { message: m } : leaf();
    }
    case 'regex': {
      const e = regexError(c.operand, c.pattern);
      return e !== undefined ? { message: e.message } : leaf();
    }
    case 'exists':
      return leaf();
    case 'in': {
      if (c.values.length === 0) return { message: `an in-list needs at least one value (${operandText(c.operand)})` };
      if (c.values.length > FILTER_LIMITS.maxInValues) return { message: `more than ${FILTER_LIMITS.maxInValues} values in one in-list` };
      for (const v of c.values) {
        const m = comparisonError(c.operand, '=', v);
        if (m !== undefined) return { message: m };
      }
      return leaf();
    }
    case 'and':
    case 'or':
      if (c.args.length === 0) return { message: `an empty ${c.kind}` };
      for (const a of c.args) {
        const e = conditionError(a, depth + 1, w, insideSome);
        if (e) return e;
      }
      return undefined;
    case 'not':
      return conditionError(c.arg, depth + 1, w, insideSome);
    case 'some':
      // RFC 0005 §5.5 rule 4: what a nested `some` over the same collection would bind is undefined
      if (insideSome === c.over) return { message: `a some over ${c.over}s inside another some over ${c.over}s is not supported` };
      return conditionError(c.where, depth + 1, w, c.over);
    case 'true':
    case 'false':
      return undefined;
  }
};

const stageError = (s: PipelineStage, depth: number, w: Walk): FilterError | undefined => {
  switch (s.kind) {
    case 'aggregate': {
      const m = aggregateError(s);
      return m !== undefined ? { message: m } : undefined;
    }
    case 'select':
      return s.operands.length === 0 ? { message: 'select() needs at least one field' } : undefined;
    case 'filter':
      return conditionError(s.where, depth + 1, w);
  }
};

const spansetError = (s: Spanset, depth: number, w: Walk): FilterError | undefined => {
  if (depth > FILTER_LIMITS.maxDepth) return { message: `filter nested deeper than ${FILTER_LIMITS.maxDepth} levels` };
  switch (s.kind) {
    case 'spans':
      return conditionError(s.where, depth + 1, w);
    case 'combine':
    case 'structural':
      return spansetError(s.left, depth + 1, w) ?? spansetError(s.right, depth + 1, w);
    case 'pipeline':
      if (s.stages.length === 0) return { message: 'an empty pipeline' };
      return spansetError(s.source, depth + 1, w) ?? s.stages.reduce<FilterError | undefined>((e, st) => e ?? stageError(st, depth + 1, w), undefined);
  }
};

/** The first thing wrong with a filter (type, regex, limits), or undefined when it may be executed. */
export const validateFilter = (f: TraceFilter): FilterError | undefined => spansetError(f.root, 1, { leaves: 0 });
