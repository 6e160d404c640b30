import type { Operand, SpanCondition, Spanset, TraceFilter } from './filter-ast';
import { TRACE_INTRINSICS } from './filter-ast';
import { operandText } from './traceql-names';
import { operandsOf } from './operands-of';

// Span analytics (the explore page) count and measure spans, one by one, so their filter must be
// a question about one span: one spanset `{ … }`, optionally narrowed by `| { … }` stages. What
// is about a trace or about several spans together has no per-span reading and is refused:
// `&&`/`||` between spansets, structural operators, aggregates (`| count() > 2`), `select`, and
// the trace-level intrinsics (trace:duration, trace:rootService …, the same for every span).

const whereOf = (s: Spanset): SpanCondition | string => {
  switch (s.kind) {
    case 'spans':
      return s.where;
    case 'combine':
      return `spansets joined by ${s.op} are about a trace, not one span: write one { … } with the conditions inside (use "&&" or "||" inside the braces)`;
    case 'structural':
      return `the structural operator ${s.op} relates spans of a trace; span analytics measure spans one by one`;
    case 'pipeline': {
      const source = whereOf(s.source);
      if (typeof source === 'string') return source;
      const args: SpanCondition[] = [source];
      for (const stage of s.stages) {
        if (stage.kind !== 'filter') return `"| ${stage.kind === 'aggregate' ? `${stage.fn}()` : 'select(…)'}" is about a set of spans; only "| { … }" stages narrow spans one by one`;
        args.push(stage.where);
      }
      return { kind: 'and', args };
    }
  }
};

/** The one condition a span must meet, or why the filter has no per-span reading. */
export const toSpanCondition = (filter: TraceFilter): { ok: true; where: SpanCondition } | { ok: false; message: string } => {
  const where = whereOf(filter.root);
  if (typeof where === 'string') return { ok: false, message: where };
  const traceLevel = operandsOf(where).find((o) => o.kind === 'intrinsic' && TRACE_INTRINSICS.includes(o.name));
  if (traceLevel) return { ok: false, message: `${operandText(traceLevel)} is about the whole trace, not one span: span analytics cannot filter on it` };
  return { ok: true, where };
};
