import { completeTraceQL, traceqlSuggestions } from '@/lib/filter/complete-traceql';
import { INTRINSIC_TRACEQL, SCOPE_PREFIX } from '@/lib/filter/traceql-names';
import type { Operand } from '@/lib/filter/filter-ast';
import type { Completion } from './traceql-suggestions';

// The language's completion context (lib/filter/complete-traceql.ts) in the terms the query box
// fetches with: which scope's keys, which identifier's values, which service; plus the static
// words the language offers there.

/** An operand as the identifier the tag endpoints read (`span.http.method`, `.region`, `span:status`). */
const tagOf = (operand: Operand): string =>
  operand.kind === 'intrinsic' ? INTRINSIC_TRACEQL[operand.name] : `${SCOPE_PREFIX[operand.scope]}.${operand.key}`;

export const completeAtCursor = (text: string, cursor: number): Completion => {
  const ctx = completeTraceQL(text, cursor);
  const words = traceqlSuggestions(ctx);
  const base = { kind: ctx.kind, prefix: ctx.prefix, replace: ctx.replace, words, ...(ctx.service !== undefined && { service: ctx.service }) };
  if (ctx.kind === 'attribute') {
    // the scope as typed (`resource.`, `.`), shown before each key; the key alone is replaced
    const typedScope = /[A-Za-z]*\.$/.exec(text.slice(0, ctx.replace.start))?.[0] ?? '';
    return { ...base, keyScope: ctx.scope ?? 'unscoped', scopePrefix: typedScope };
  }
  if (ctx.kind === 'value' && ctx.operand) return { ...base, tag: tagOf(ctx.operand) };
  return base;
};
