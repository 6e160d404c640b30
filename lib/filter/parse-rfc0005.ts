import { MAX_INT64, MIN_INT64 } from '@/lib/model/conventions';
import {
  FILTER_LIMITS,
  type AttributeScope,
  type CompareOp,
  type FilterResult,
  type Intrinsic,
  type KindWord,
  type Literal,
  type Operand,
  type SpanCondition,
  type Spanset,
  type StatusWord,
} from './filter-ast';
import { parseDuration } from './parse-duration';
import { translateRegex } from './to-postgres-regex';
import { INTRINSIC_KIND, comparisonError, regexError, validateFilter } from './validate-filter';

// Jaeger's RFC 0005 filter (the `Call` JSON of api_v3's `query.filter`) → TraceFilter.
// Semantics as the RFC states them (Jaeger RFC 0005, "Structured query filters"):
//  - the filter is a bare Call; a conjunction is same-span (one `spans` spanset);
//  - an unhinted scalar against an attribute stays untyped (matches any stored type by its
//    string form, §5.4); against a built-in field it is resolved by the field's declared type
//    (`"2s"` against span.duration is a duration; kind and status against their words);
//  - a reference is put first, an ordered operator reversed with it (§5.3);
//  - `regex` matches anywhere; anchors, lazy quantifiers and inline flags are refused (§5.3);
//  - `some` over event/link binds one element; an event/link reference outside a `some` is the
//    uncorrelated "any element" (§5.5), which is a `some` around that one leaf.
// Our extensions: field references at `"level":"trace"` (duration, rootService, rootName,
// spanCount, errorCount), and `some` over `{"nested":{"level":"span"}}` at the top level (or
// under top-level and/or): it quantifies over the trace's spans, so and(some(span, A),
// some(span, B)) finds A and B on possibly different spans of one trace.
// Refusals carry a JSON path into the filter (`$.args[1].call.args[0]`).

class Refusal extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/** Built-in fields by level (RFC §5.2, plus our trace level); `null` marks a field the RFC defines that we do not serve. */
const FIELDS: Record<string, Record<string, Intrinsic | null>> = {
  span: {
    traceID: 'traceId',
    spanID: 'spanId',
    parentSpanID: 'parentSpanId',
    traceState: 'traceState',
    name: 'name',
    kind: 'kind',
    startTime: 'start',
    endTime: null,
    status: 'status',
    statusMessage: 'statusMessage',
    duration: 'duration',
  },
  resource: { service: 'service', schemaURL: null },
  scope: { name: 'scopeName', version: 'scopeVersion', schemaURL: null },
  event: { name: 'eventName', time: null, timeSinceStart: null },
  link: { traceID: null, spanID: null, traceState: null },
  trace: { duration: 'traceDuration', rootService: 'rootService', rootName: 'rootName', spanCount: 'spanCount', errorCount: 'errorCount' },
};
const LEVELS: ReadonlySet<string> = new Set(['span', 'resource', 'scope', 'event', 'link']);
const COMPARE: Record<string, CompareOp> = { eq: '=', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' };
const MIRRORED: Record<CompareOp, CompareOp> = { '=': '=', '!=': '!=', '>': '<', '>=': '<=', '<': '>', '<=': '>=' };
const OPS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'eq', 'ne', 'gt', 'lt', 'gte', 'lte', 'regex', 'exists', 'in', 'not_in', 'some']);
const TERMS = ['attr', 'field', 'nested', 'scalar', 'list', 'call'] as const;
type Term = (typeof TERMS)[number];
const KIND_WORDS: ReadonlySet<string> = new Set(['unspecified', 'internal', 'server', 'client', 'producer', 'consumer']);
const STATUS_WORDS: ReadonlySet<string> = new Set(['unset', 'ok', 'error']);

type Obj = Record<string, unknown>;
type Call = { op: string; args: { term: Term; body: Obj; path: string }[]; path: string };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const object = (v: unknown, path: string, what: string): Obj => {
  if (!isObj(v)) throw new Refusal(`expected ${what} (a JSON object)`, path);
  return v;
};

const onlyMembers = (o: Obj, allowed: readonly string[], path: string) => {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) throw new Refusal(`unknown member "${k}"`, `${path}.${k}`);
};

const stringMember = (o: Obj, key: string, path: string, required: boolean): string | undefined => {
  const v = o[key];
  if (v === undefined || v === null) {
    if (required) throw new Refusal(`"${key}" is required`, `${path}.${key}`);
    return undefined;
  }
  if (typeof v !== 'string') throw new Refusal(`"${key}" must be a string`, `${path}.${key}`);
  return v;
};

/** A Call object at `path`: its op and its arguments, each an Expression with exactly one term. */
const readCall = (v: unknown, path: string): Call => {
  const o = object(v, path, 'a call {"op": …, "args": […]}');
  onlyMembers(o, ['op', 'args'], path);
  const op = stringMember(o, 'op', path, true)!;
  if (!OPS.has(op)) throw new Refusal(`unknown filter operator "${op}"`, `${path}.op`);
  if (!Array.isArray(o.args)) throw new Refusal('"args" must be an array', `${path}.args`);
  const args = o.args.map((a, i) => {
    const p = `${path}.args[${i}]`;
    const e = object(a, p, 'an expression');
    const keys = Object.keys(e);
    if (keys.length !== 1 || !(TERMS as readonly string[]).includes(keys[0])) {
      throw new Refusal(`an expression has exactly one of ${TERMS.join(', ')}${keys.length > 0 ? `; found ${keys.map((k) => `"${k}"`).join(', ')}` : ''}`, p);
    }
    const term = keys[0] as Term;
    return { term, body: object(e[term], `${p}.${term}`, `a ${term} term`), path: `${p}.${term}` };
  });
  return { op, args, path };
};

const arity = (c: Call, n: number | 'many') => {
  if (n === 'many' ? c.args.length < 2 : c.args.length !== n) {
    throw new Refusal(`${c.op} takes ${n === 'many' ? 'two or more arguments' : n === 1 ? 'one argument' : `${n} arguments`}, not ${c.args.length}`, `${c.path}.args`);
  }
};

/** Is this argument `{"call": {"op": "some", "args": [{"nested": {"level": "span"}}, …]}}` (or the bare call)? */
const isSpanSome = (c: Call): boolean => c.op === 'some' && c.args[0]?.term === 'nested' && c.args[0].body.level === 'span';

const reference = (a: Call['args'][number]): Operand => {
  const { term, body, path } = a;
  if (term === 'attr') {
    onlyMembers(body, ['key', 'level'], path);
    const key = stringMember(body, 'key', path, true)!;
    if (key === '') throw new Refusal('"key" must not be empty', `${path}.key`);
    const level = stringMember(body, 'level', path, false) ?? '';
    if (level !== '' && !LEVELS.has(level)) throw new Refusal(`unknown level "${level}" (span, resource, scope, event, link, or none)`, `${path}.level`);
    return { kind: 'attribute', scope: (level === '' ? 'unscoped' : level) as AttributeScope, key };
  }
  if (term === 'field') {
    onlyMembers(body, ['name', 'level'], path);
    const name = stringMember(body, 'name', path, true)!;
    const level = stringMember(body, 'level', path, false);
    if (level === undefined || level === '') throw new Refusal('a field reference needs a "level"', `${path}.level`);
    const fields = Object.hasOwn(FIELDS, level) ? FIELDS[level] : undefined;
    if (fields === undefined) throw new Refusal(`unknown level "${level}" (span, resource, scope, event, link, trace)`, `${path}.level`);
    if (!Object.hasOwn(fields, name)) throw new Refusal(`unknown ${level} field "${name}" (${Object.keys(fields).join(', ')})`, `${path}.name`);
    const intrinsic = fields[name];
    if (intrinsic === null) throw new Refusal(`the ${level} field "${name}" is not supported`, `${path}.name`);
    return { kind: 'intrinsic', name: intrinsic };
  }
  if (term === 'nested') throw new Refusal('a nested reference is only the first argument of some', path);
  throw new Refusal(`expected a reference (attr or field), found ${term}`, path);
};

const isReference = (a: Call['args'][number]) => a.term === 'attr' || a.term === 'field' || a.term === 'nested';

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** One constant's text as a typed literal: by its hint, else by the field opposite it (§5.4). */
const literalOf = (text: string, type: string, operand: Operand, path: string): Literal => {
  const field = operand.kind === 'intrinsic' ? INTRINSIC_KIND[operand.name] : undefined;
  const bad = (what: string): never => {
    throw new Refusal(`${JSON.stringify(text)} is not ${what}`, path);
  };
  if (field === 'kind' && (type === '' || type === 'string')) {
    if (!KIND_WORDS.has(text)) bad('a span kind (unspecified, internal, server, client, producer, consumer)');
    return { type: 'kind', value: text as KindWord };
  }
  if (field === 'status' && (type === '' || type === 'string')) {
    if (!STATUS_WORDS.has(text)) bad('a status (unset, ok, error)');
    return { type: 'status', value: text as StatusWord };
  }
  if (type === '') {
    if (field === 'duration') {
      const ns = parseDuration(text);
      if (ns === undefined || ns > MAX_INT64 || ns < MIN_INT64) bad('a duration (Go syntax: 2s, 50us, 1h30m)');
      return { type: 'duration', value: ns! };
    }
    if (field === 'timestamp') {
      const m = RFC3339.exec(text);
      const ms = m ? Date.parse(`${m[1]}${m[3]}`) : NaN;
      if (!m || Number.isNaN(ms)) bad('an RFC 3339 time (2026-11-30T12:00:00.123456789Z)');
      return { type: 'int', value: BigInt(ms) * 1_000_000n + BigInt((m![2] ?? '').padEnd(9, '0')) };
    }
    if (field === 'count') type = 'int';
    else if (field === 'text') type = 'string';
    else return { type: 'untyped', value: text };
  }
  switch (type) {
    case 'string':
      return { type: 'string', value: text };
    case 'int': {
      if (!/^[-+]?\d+$/.test(text)) bad('an int');
      const v = BigInt(text);
      if (v > MAX_INT64 || v < MIN_INT64) bad('an int in the 64-bit range');
      return { type: 'int', value: v };
    }
    case 'double': {
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) bad('a double');
      return { type: 'double', value: Number(text) };
    }
    case 'bool':
      if (text !== 'true' && text !== 'false') bad('a bool (true or false)');
      return { type: 'bool', value: text === 'true' };
    default:
      throw new Refusal(`unknown type "${type}" (string, int, double, bool, or none)`, path.replace(/\.value$|\.values\[\d+\]$/, '.type'));
  }
};

const scalarOf = (a: Call['args'][number], operand: Operand): Literal => {
  if (a.term !== 'scalar') throw new Refusal(`expected a scalar, found ${a.term}`, a.path);
  onlyMembers(a.body, ['value', 'type'], a.path);
  const value = stringMember(a.body, 'value', a.path, true)!;
  return literalOf(value, stringMember(a.body, 'type', a.path, false) ?? '', operand, `${a.path}.value`);
};

/** Wraps a leaf on an event/link reference in its own `some` unless it is inside one over that level. */
const bound = (leaf: SpanCondition & { operand: Operand }, within: 'event' | 'link' | undefined): SpanCondition => {
  const o = leaf.operand;
  const level = o.kind === 'intrinsic' ? (o.name === 'eventName' ? 'event' : undefined) : o.scope === 'event' || o.scope === 'link' ? o.scope : undefined;
  return level === undefined || level === within ? leaf : { kind: 'some', over: level, where: leaf };
};

const condition = (c: Call, depth: number, within: 'event' | 'link' | undefined): SpanCondition => {
  if (depth > FILTER_LIMITS.maxDepth) throw new Refusal(`filter nested deeper than ${FILTER_LIMITS.maxDepth} levels`, c.path);
  const sub = (a: Call['args'][number], w = within) => {
    if (a.term !== 'call') throw new Refusal(`${c.op} takes predicates (calls), not ${a.term}`, a.path);
    const inner = readCall(a.body, a.path);
    if (isSpanSome(inner)) throw new Refusal('a some over span quantifies over the trace: it is allowed only at the top level or under a top-level and/or', a.path);
    return condition(inner, depth + 1, w);
  };
  switch (c.op) {
    case 'and':
    case 'or':
      arity(c, 'many');
      return { kind: c.op, args: c.args.map((a) => sub(a)) };
    case 'not':
      arity(c, 1);
      return { kind: 'not', arg: sub(c.args[0]) };
    case 'exists':
      arity(c, 1);
      return bound({ kind: 'exists', operand: reference(c.args[0]), negated: false }, within);
    case 'regex': {
      arity(c, 2);
      const operand = reference(c.args[0]);
      const s = c.args[1];
      if (s.term !== 'scalar') throw new Refusal('regex takes a reference and a scalar pattern', s.path);
      onlyMembers(s.body, ['value', 'type'], s.path);
      const pattern = stringMember(s.body, 'value', s.path, true)!;
      const type = stringMember(s.body, 'type', s.path, false) ?? '';
      if (type !== '' && type !== 'string') throw new Refusal('a regex pattern is a string', `${s.path}.type`);
      const err = regexError(operand, pattern);
      if (err !== undefined) throw new Refusal(err.message, err.index === undefined ? c.path : `${s.path}.value`);
      const r = translateRegex(pattern);
      const refused = r.ok ? r.features[0] : undefined;
      if (refused !== undefined) {
        const what = { anchor: 'anchors (^, $, \\A, \\z): patterns match anywhere', lazy: 'lazy quantifiers', flag: 'inline flags such as (?i)' }[refused.feature];
        throw new Refusal(`RFC 0005 regex patterns may not use ${what} (at index ${refused.index})`, `${s.path}.value`);
      }
      return bound({ kind: 'regex', operand, pattern, mode: 'anywhere', negated: false }, within);
    }
    case 'in':
    case 'not_in': {
      arity(c, 2);
      const operand = reference(c.args[0]);
      const l = c.args[1];
      if (l.term !== 'list') throw new Refusal(`${c.op} takes a reference and a list`, l.path);
      onlyMembers(l.body, ['values', 'type'], l.path);
      const values = l.body.values;
      if (!Array.isArray(values)) throw new Refusal('"values" must be an array of strings', `${l.path}.values`);
      const type = stringMember(l.body, 'type', l.path, false) ?? '';
      const literals = values.map((v, i) => {
        if (typeof v !== 'string') throw new Refusal('list values are strings', `${l.path}.values[${i}]`);
        return literalOf(v, type, operand, `${l.path}.values[${i}]`);
      });
      if (literals.length > FILTER_LIMITS.maxInValues) throw new Refusal(`more than ${FILTER_LIMITS.maxInValues} values in one list`, `${l.path}.values`);
      if (literals.length === 0) throw new Refusal('an empty list', `${l.path}.values`);
      for (const [i, v] of literals.entries()) {
        const m = comparisonError(operand, '=', v);
        if (m !== undefined) throw new Refusal(m, `${l.path}.values[${i}]`);
      }
      return bound({ kind: 'in', operand, values: literals, negated: c.op === 'not_in' }, within);
    }
    case 'some': {
      arity(c, 2);
      const n = c.args[0];
      if (n.term !== 'nested') throw new Refusal('some takes a nested reference ({"nested": {"level": "event"}}) and a predicate', n.path);
      onlyMembers(n.body, ['level'], n.path);
      const level = stringMember(n.body, 'level', n.path, true);
      if (level !== 'event' && level !== 'link') throw new Refusal(`some ranges over event or link${level === 'span' ? ' (span only at the top level)' : ''}, not "${level}"`, `${n.path}.level`);
      if (within === level) throw new Refusal(`a some over ${level}s inside another some over ${level}s is not supported (RFC 0005 §5.5)`, c.path);
      return { kind: 'some', over: level, where: sub(c.args[1], level) };
    }
    default: {
      arity(c, 2);
      let [left, right] = c.args;
      let op = COMPARE[c.op];
      if (!isReference(left) && isReference(right)) {
        [left, right] = [right, left];
        op = MIRRORED[op];
      }
      if (!isReference(left)) throw new Refusal(`${c.op} needs a reference (attr or field) to compare`, `${c.path}.args`);
      if (isReference(right)) throw new Refusal('comparing two references is not supported: compare a reference with a scalar', right.path);
      const operand = reference(left);
      const value = scalarOf(right, operand);
      const m = comparisonError(operand, op, value);
      if (m !== undefined) throw new Refusal(m, c.path);
      return bound({ kind: 'compare', operand, op, value }, within);
    }
  }
};

/** The filter's spansets: a top-level some over span (alone or under and/or) is one spanset each. */
const spanset = (c: Call, depth: number): Spanset => {
  if (depth > FILTER_LIMITS.maxDepth) throw new Refusal(`filter nested deeper than ${FILTER_LIMITS.maxDepth} levels`, c.path);
  if (isSpanSome(c)) {
    arity(c, 2);
    onlyMembers(c.args[0].body, ['level'], c.args[0].path);
    const p = c.args[1];
    if (p.term !== 'call') throw new Refusal(`some takes a predicate (a call), not ${p.term}`, p.path);
    return { kind: 'spans', where: condition(readCall(p.body, p.path), depth + 1, undefined) };
  }
  if (c.op === 'and' || c.op === 'or') {
    const calls = c.args.map((a) => (a.term === 'call' ? readCall(a.body, a.path) : undefined));
    if (calls.some((x) => x !== undefined && (isSpanSome(x) || spansetLike(x)))) {
      arity(c, 'many');
      const parts = calls.map((x, i) => {
        if (x === undefined) throw new Refusal(`${c.op} takes predicates (calls), not ${c.args[i].term}`, c.args[i].path);
        return spanset(x, depth + 1);
      });
      return parts.reduce((left, right) => ({ kind: 'combine', op: c.op === 'and' ? '&&' : '||', left, right }));
    }
  }
  return { kind: 'spans', where: condition(c, depth, undefined) };
};

/** An and/or that has a span quantifier somewhere among its top-level and/or members. */
const spansetLike = (c: Call): boolean =>
  (c.op === 'and' || c.op === 'or') &&
  c.args.some((a) => {
    if (a.term !== 'call' || !isObj(a.body)) return false;
    try {
      const inner = readCall(a.body, a.path);
      return isSpanSome(inner) || spansetLike(inner);
    } catch {
      return false; // reported when the argument is read for real
    }
  });

/** Parses an RFC 0005 filter (JSON text, or the already-decoded value); a refusal names a JSON path. */
export const parseRfc0005 = (input: string | unknown): FilterResult => {
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.length > FILTER_LIMITS.maxQueryLength) {
      return { ok: false, error: { message: `filter longer than ${FILTER_LIMITS.maxQueryLength} characters`, path: '$' } };
    }
    try {
      value = JSON.parse(input);
    } catch (e) {
      return { ok: false, error: { message: `the filter is not JSON: ${(e as Error).message}`, path: '$' } };
    }
  } else {
    let text: string;
    try {
      text = JSON.stringify(input) ?? '';
    } catch {
      return { ok: false, error: { message: 'the filter is not JSON data', path: '$' } };
    }
    if (text.length > FILTER_LIMITS.maxQueryLength) {
      return { ok: false, error: { message: `filter longer than ${FILTER_LIMITS.maxQueryLength} characters`, path: '$' } };
    }
  }
  try {
    const filter = { root: spanset(readCall(value, '$'), 1) };
    const err = validateFilter(filter);
    if (err !== undefined) return { ok: false, error: { ...err, path: err.path ?? '$' } };
    return { ok: true, filter };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: { message: e.message, path: e.path } };
    throw e;
  }
};
