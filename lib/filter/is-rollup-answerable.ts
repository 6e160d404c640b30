import type { Intrinsic, Operand, SpanCondition } from './filter-ast';
import { operandsOf } from './operands-of';

// Span analytics can be answered from the per-minute rollups (lib/store/write/aggregate-rollups.ts)
// when everything the question reads is a rollup key: the service, the operation name, the kind
// and the status. Any other group key or filter term (an attribute, the duration, an event) needs
// the raw spans.

const ROLLUP_KEYS: readonly Intrinsic[] = ['service', 'name', 'kind', 'status'];

const isRollupKey = (o: Operand) => o.kind === 'intrinsic' && ROLLUP_KEYS.includes(o.name);

const readsOnlyRollupKeys = (cond: SpanCondition): boolean => {
  switch (cond.kind) {
    case 'and':
    case 'or':
      return cond.args.every(readsOnlyRollupKeys);
    case 'not':
      return readsOnlyRollupKeys(cond.arg);
    case 'some':
      return false;
    default:
      return operandsOf(cond).every(isRollupKey);
  }
};

/** Whether grouping by `keys` under filter `where` can be read from the rollups. */
export const isRollupAnswerable = (where: SpanCondition, keys: readonly Operand[]): boolean => keys.every(isRollupKey) && readsOnlyRollupKeys(where);
