import type { SpanCondition } from '@/lib/filter/filter-ast';
import { formatTraceQL } from '@/lib/filter/format-traceql';
import { parseTraceQL } from '@/lib/filter/parse-traceql';
import { toSpanCondition } from '@/lib/filter/to-span-condition';

// The explore page's histogram brush: a duration range [lowNs, highNs] added to the filter as
// `duration >= a && duration <= b`. A range brushed before is replaced (its two bounds are the
// top-level `duration >=`/`<=` conjuncts), so brushing again narrows or widens, never piles up.

const isDurationBound = (c: SpanCondition) =>
  c.kind === 'compare' && c.operand.kind === 'intrinsic' && c.operand.name === 'duration' && (c.op === '>=' || c.op === '<=');

/** The filter with the duration range in it; undefined when the filter has no per-span reading to add it to. */
export const addDurationRange = (filter: string, lowNs: bigint, highNs: bigint): string | undefined => {
  let where: SpanCondition = { kind: 'true' };
  if (filter.trim() !== '') {
    const parsed = parseTraceQL(filter);
    if (!parsed.ok) return undefined;
    const cond = toSpanCondition(parsed.filter);
    if (!cond.ok) return undefined;
    where = cond.where;
  }
  const kept = (where.kind === 'and' ? where.args : where.kind === 'true' ? [] : [where]).filter((c) => !isDurationBound(c));
  const range: SpanCondition[] = [
    { kind: 'compare', operand: { kind: 'intrinsic', name: 'duration' }, op: '>=', value: { type: 'duration', value: lowNs } },
    { kind: 'compare', operand: { kind: 'intrinsic', name: 'duration' }, op: '<=', value: { type: 'duration', value: highNs } },
  ];
  return formatTraceQL({ root: { kind: 'spans', where: { kind: 'and', args: [...kept, ...range] } } });
};

/** The duration range a filter's top-level bounds give, if any (to show the brushed range). */
export const durationRangeOf = (filter: string): { lowNs?: bigint; highNs?: bigint } => {
  const parsed = filter.trim() === '' ? undefined : parseTraceQL(filter);
  if (!parsed?.ok) return {};
  const cond = toSpanCondition(parsed.filter);
  if (!cond.ok) return {};
  const out: { lowNs?: bigint; highNs?: bigint } = {};
  for (const c of cond.where.kind === 'and' ? cond.where.args : [cond.where]) {
    if (isDurationBound(c) && c.kind === 'compare' && c.value.type === 'duration') out[c.op === '>=' ? 'lowNs' : 'highNs'] = c.value.value;
  }
  return out;
};

/**
 * "What is different" for a brushed range: the filter without its duration bounds (the spans to
 * compare within) and the range as a selection. Undefined when the filter has no brushed range.
 */
export const splitDurationRange = (filter: string): { base: string; selection: string } | undefined => {
  const parsed = filter.trim() === '' ? undefined : parseTraceQL(filter);
  if (!parsed?.ok) return undefined;
  const cond = toSpanCondition(parsed.filter);
  if (!cond.ok) return undefined;
  const all = cond.where.kind === 'and' ? cond.where.args : [cond.where];
  const bounds = all.filter(isDurationBound);
  if (bounds.length === 0) return undefined;
  const rest = all.filter((c) => !isDurationBound(c));
  const text = (args: SpanCondition[]) => (args.length === 0 ? '' : formatTraceQL({ root: { kind: 'spans', where: args.length === 1 ? args[0] : { kind: 'and', args } } }));
  return { base: text(rest), selection: text(bounds) };
};
