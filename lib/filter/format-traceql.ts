import { MIN_INT64 } from '@/lib/model/conventions';
import type { Literal, Operand, PipelineStage, SpanCondition, Spanset, TraceFilter } from './filter-ast';
import { operandText } from './traceql-names';

// A filter back to TraceQL text: what the search form writes into the query box for the user to
// edit. For every filter parseTraceQL produces, parseTraceQL(formatTraceQL(f)) deep-equals f
// (tested). Filters from the other doors can hold what TraceQL has no word for; those are
// written as the equivalent TraceQL where one exists:
//  - an untyped constant (RFC 0005, Jaeger tags) as the `||` of its typed readings
//    (`.a = "500" || .a = 500 || .a = 500.0`); a bytes reading (base64 text) has no TraceQL form
//    and is dropped, so the text can match less than the original for such values;
//  - a regex matching anywhere (RFC 0005) as a whole-value match of `(?s:.*)(?:p)(?s:.*)`;
//  - `in` as `||` of `=`; `not in` (and an untyped `!=`) as `x != nil && !(x = a || …)`:
//    present, and equal to none (absent included, what they mean).
// What has no equivalent throws: a `some` whose condition negates a condition on the event or
// link itself (TraceQL cannot say "one event lacks x"), and two `some` over events (links) in
// one conjunction (TraceQL reads them as one event). Only RFC 0005 filters can hold these.

const INT = /^-?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const stringText = (s: string) =>
  `"${s.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
    if (c === '\\' || c === '"') return `\\${c}`;
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  })}"`;

const DURATION_UNITS: [bigint, string][] = [
  [3_600_000_000_000n, 'h'],
  [60_000_000_000n, 'm'],
  [1_000_000_000n, 's'],
  [1_000_000n, 'ms'],
  [1_000n, 'us'],
];

const durationText = (ns: bigint): string => {
  if (ns < 0n) return `-${durationText(-ns)}`;
  if (ns === 0n) return '0s';
  for (const [unit, name] of DURATION_UNITS) if (ns % unit === 0n) return `${ns / unit}${name}`;
  return `${ns}ns`;
};

const doubleText = (v: number): string => {
  if (!Number.isFinite(v)) throw new Error(`TraceQL has no literal for the double ${v}`);
  const s = String(v);
  return /[.eE]/.test(s) ? s : `${s}.0`; // keep it a float when it is read back
};

export const literalText = (v: Literal): string => {
  switch (v.type) {
    case 'string':
      return stringText(v.value);
    case 'int':
      return v.value === MIN_INT64 ? 'minInt' : String(v.value);
    case 'double':
      return doubleText(v.value);
    case 'bool':
      return String(v.value);
    case 'duration':
      return durationText(v.value);
    case 'kind':
    case 'status':
      return v.value;
    case 'untyped':
      return stringText(v.value);
  }
};

/** The typed readings of an untyped constant that TraceQL can write (see the header). */
const readings = (s: string): Literal[] => {
  const out: Literal[] = [{ type: 'string', value: s }];
  if (s === 'true' || s === 'false') out.push({ type: 'bool', value: s === 'true' });
  if (INT.test(s) && BigInt(s).toString() === s) out.push({ type: 'int', value: BigInt(s) });
  if (FLOAT.test(s) && String(Number(s)) === s) out.push({ type: 'double', value: Number(s) });
  return out;
};

type Context = 'top' | 'and' | 'or';

/** `x != nil && !(x = a || x = b)`: what `not in` and an untyped `!=` mean (false where x is absent). */
const presentAndNone = (operand: Operand, equalities: SpanCondition[]): SpanCondition => ({
  kind: 'and',
  args: [
    { kind: 'exists', operand, negated: false },
    { kind: 'not', arg: equalities.length === 1 ? equalities[0] : { kind: 'or', args: equalities } },
  ],
});

const wrap = (text: string, needed: boolean) => (needed ? `(${text})` : text);

/** An event/link leaf negated inside its own `some`: TraceQL cannot write it. */
const negatesBound = (c: SpanCondition, over: 'event' | 'link', negated = false): boolean => {
  switch (c.kind) {
    case 'and':
    case 'or':
      return c.args.some((a) => negatesBound(a, over, negated));
    case 'not':
      return negatesBound(c.arg, over, !negated);
    case 'some':
      return false;
    case 'compare':
    case 'regex':
    case 'exists':
    case 'in': {
      const o = c.operand;
      const bound = o.kind === 'attribute' ? o.scope === over : over === 'event' && o.name === 'eventName';
      return negated && bound;
    }
    default:
      return false;
  }
};

const condition = (c: SpanCondition, ctx: Context): string => {
  switch (c.kind) {
    case 'compare': {
      if (c.value.type === 'untyped') {
        const alts = readings(c.value.value).map((value): SpanCondition => ({ ...c, value }));
        if (alts.length === 1) return condition(alts[0], ctx);
        // `!=`: present, and none of its readings equals the stored value (a typed `!=` is false
        // on a value of another type, so `x != "5" && x != 5` would be false everywhere)
        if (c.op === '!=') return condition(presentAndNone(c.operand, alts.map((a) => ({ ...a, op: '=' }) as SpanCondition)), ctx);
        return condition({ kind: 'or', args: alts }, ctx);
      }
      return `${operandText(c.operand)} ${c.op} ${literalText(c.value)}`;
    }
    case 'regex': {
      const pattern = c.mode === 'whole' ? c.pattern : `(?s:.*)(?:${c.pattern})(?s:.*)`;
      return `${operandText(c.operand)} ${c.negated ? '!~' : '=~'} ${stringText(pattern)}`;
    }
    case 'exists':
      return `${operandText(c.operand)} ${c.negated ? '=' : '!='} nil`;
    case 'in': {
      const each = c.values.map((value): SpanCondition => ({ kind: 'compare', operand: c.operand, op: '=', value }));
      return condition(c.negated ? presentAndNone(c.operand, each) : each.length === 1 ? each[0] : { kind: 'or', args: each }, ctx);
    }
    case 'and': {
      // one conjunction's event (link) conditions are read back as ONE event (link)
      for (const over of ['event', 'link'] as const) {
        if (c.args.filter((a) => a.kind === 'some' && a.over === over).length > 1) {
          throw new Error(`TraceQL cannot express two separate ${over}s in one conjunction`);
        }
      }
      // && and || share one precedence in TraceQL, so a conjunction inside a disjunction needs parentheses
      return wrap(c.args.map((a) => condition(a, 'and')).join(' && '), ctx === 'or');
    }
    case 'or':
      return wrap(c.args.map((a) => condition(a, 'or')).join(' || '), ctx === 'and');
    case 'not':
      return `!(${condition(c.arg, 'top')})`;
    case 'some':
      // the parser groups the event (link) leaves of one conjunction back into one `some`
      if (negatesBound(c.where, c.over)) throw new Error(`TraceQL cannot express a negation inside one ${c.over}`);
      return condition(c.where, ctx);
    case 'true':
      return 'true';
    case 'false':
      return 'false';
  }
};

const filterText = (where: SpanCondition) => (where.kind === 'true' ? '{ }' : `{ ${condition(where, 'top')} }`);

const operandList = (os: Operand[]) => os.map(operandText).join(', ');

const stage = (s: PipelineStage): string => {
  switch (s.kind) {
    case 'aggregate':
      return `${s.fn}(${s.operand ? operandText(s.operand) : ''}) ${s.op} ${literalText(s.value)}`;
    case 'select':
      return `select(${operandList(s.operands)})`;
    case 'filter':
      return filterText(s.where);
  }
};

type SetContext = 'top' | 'left' | 'right' | 'structLeft' | 'structRight';

const spanset = (s: Spanset, ctx: SetContext): string => {
  switch (s.kind) {
    case 'spans':
      return filterText(s.where);
    case 'combine':
      // && and || are one level, left-associative, below the structural operators
      return wrap(`${spanset(s.left, 'left')} ${s.op} ${spanset(s.right, 'right')}`, ctx === 'right' || ctx === 'structLeft' || ctx === 'structRight');
    case 'structural':
      return wrap(`${spanset(s.left, 'structLeft')} ${s.op} ${spanset(s.right, 'structRight')}`, ctx === 'structRight');
    case 'pipeline':
      return wrap(`${spanset(s.source, s.source.kind === 'pipeline' ? 'right' : 'top')} | ${s.stages.map(stage).join(' | ')}`, ctx !== 'top');
  }
};

/** The filter as TraceQL text (see the header for filters from the other doors). */
export const formatTraceQL = (f: TraceFilter): string => spanset(f.root, 'top');
