import type { Operand, SpanCondition } from './filter-ast';

/** Every operand a span condition compares or tests, in order (for the planner and for refusals that depend on what a condition reads). */
export const operandsOf = (cond: SpanCondition): Operand[] => {
  switch (cond.kind) {
    case 'and':
    case 'or':
      return cond.args.flatMap(operandsOf);
    case 'not':
      return operandsOf(cond.arg);
    case 'some':
      return operandsOf(cond.where);
    case 'true':
    case 'false':
      return [];
    default:
      return [cond.operand];
  }
};
