import type { SpanCondition, Spanset, TraceFilter } from '@/lib/filter/filter-ast';

// The one service a query is about, when it names one: `{ resource.service.name = "x" }`,
// `{ .service.name = "x" && … }`. Tag value suggestions are scoped to it ("values seen on spans
// matching the query", Tempo's filtered tag values, at least as far as the service goes).
// Anything looser (an `||`, a regex, several spansets) names no single service.

const serviceOfCondition = (c: SpanCondition): string | undefined => {
  if (c.kind === 'and') {
    for (const arg of c.args) {
      const name = serviceOfCondition(arg);
      if (name !== undefined) return name;
    }
    return undefined;
  }
  if (c.kind !== 'compare' || c.op !== '=' || c.value.type !== 'string') return undefined;
  const { operand } = c;
  const isService =
    (operand.kind === 'intrinsic' && operand.name === 'service') ||
    (operand.kind === 'attribute' && (operand.scope === 'resource' || operand.scope === 'unscoped') && operand.key === 'service.name');
  return isService ? c.value.value : undefined;
};

const serviceOfSpanset = (s: Spanset): string | undefined =>
  s.kind === 'spans' ? serviceOfCondition(s.where) : s.kind === 'pipeline' ? serviceOfSpanset(s.source) : undefined;

/** The service name a filter pins its (single) spanset to, if any. */
export const serviceNamedBy = (filter: TraceFilter): string | undefined => serviceOfSpanset(filter.root);
