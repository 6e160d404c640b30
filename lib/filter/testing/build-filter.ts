import type {
  AttributeScope,
  CompareOp,
  Intrinsic,
  Literal,
  Operand,
  PipelineStage,
  SpanCondition,
  Spanset,
  TraceFilter,
} from '../filter-ast';

// Short constructors for expected ASTs in the filter tests, so a table of queries stays readable.

export const attr = (scope: AttributeScope, key: string): Operand => ({ kind: 'attribute', scope, key });
export const intr = (name: Intrinsic): Operand => ({ kind: 'intrinsic', name });

export const str = (value: string): Literal => ({ type: 'string', value });
export const int = (value: number | bigint): Literal => ({ type: 'int', value: BigInt(value) });
export const dbl = (value: number): Literal => ({ type: 'double', value });
export const bool = (value: boolean): Literal => ({ type: 'bool', value });
export const dur = (ns: number | bigint): Literal => ({ type: 'duration', value: BigInt(ns) });
export const untyped = (value: string): Literal => ({ type: 'untyped', value });
export const kindLit = (value: Extract<Literal, { type: 'kind' }>['value']): Literal => ({ type: 'kind', value });
export const statusLit = (value: Extract<Literal, { type: 'status' }>['value']): Literal => ({ type: 'status', value });

export const cmp = (operand: Operand, op: CompareOp, value: Literal): SpanCondition => ({ kind: 'compare', operand, op, value });
export const re = (operand: Operand, pattern: string, mode: 'whole' | 'anywhere' = 'whole', negated = false): SpanCondition => ({
  kind: 'regex',
  operand,
  pattern,
  mode,
  negated,
});
export const exists = (operand: Operand, negated = false): SpanCondition => ({ kind: 'exists', operand, negated });
export const inList = (operand: Operand, values: Literal[], negated = false): SpanCondition => ({ kind: 'in', operand, values, negated });
export const and = (...args: SpanCondition[]): SpanCondition => ({ kind: 'and', args });
export const or = (...args: SpanCondition[]): SpanCondition => ({ kind: 'or', args });
export const not = (arg: SpanCondition): SpanCondition => ({ kind: 'not', arg });
export const some = (over: 'event' | 'link', where: SpanCondition): SpanCondition => ({ kind: 'some', over, where });
export const TRUE: SpanCondition = { kind: 'true' };

export const spans = (where: SpanCondition): Spanset => ({ kind: 'spans', where });
export const combine = (op: '&&' | '||', left: Spanset, right: Spanset): Spanset => ({ kind: 'combine', op, left, right });
export const structural = (op: '>' | '>>' | '<' | '<<' | '~', left: Spanset, right: Spanset): Spanset => ({ kind: 'structural', op, left, right });
export const pipeline = (source: Spanset, ...stages: PipelineStage[]): Spanset => ({ kind: 'pipeline', source, stages });
export const filterOf = (root: Spanset): TraceFilter => ({ root });
