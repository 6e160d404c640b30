import type { TagSource } from '@/lib/store/read/list-tag-values';
import type { TagScope } from '@/lib/store/read/list-tag-names';
import { INTRINSIC_BY_TRACEQL } from '@/lib/filter/traceql-names';

// What Tempo's tag endpoints name, and where each tag's values come from. Scopes as Tempo's
// /api/v2/search/tags names them; the intrinsics are those of Spanscope's TraceQL subset
// (lib/filter/parse-traceql.ts), so every name offered can be typed into a query.

export const ATTRIBUTE_SCOPES = ['span', 'resource', 'event', 'link', 'instrumentation'] as const satisfies readonly TagScope[];

/** Every spelling the parser accepts for an intrinsic (`name` and `span:name` …), as Tempo lists both. */
export const INTRINSIC_TAGS: readonly string[] = [...INTRINSIC_BY_TRACEQL.keys()].sort();

/** The keyword values of the enum intrinsics. */
export const KEYWORD_VALUES: Record<string, readonly string[]> = {
  status: ['error', 'ok', 'unset'],
  kind: ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'],
};

export type ResolvedTag = { kind: 'sources'; sources: TagSource[] } | { kind: 'keywords'; values: readonly string[] } | { kind: 'none' };

const SCOPE_PREFIXES: [string, TagScope][] = [
  ['span.', 'span'],
  ['resource.', 'resource'],
  ['event.', 'event'],
  ['link.', 'link'],
  ['instrumentation.', 'instrumentation'],
  ['scope.', 'instrumentation'],
];

/** Unscoped: the span's attribute, else its resource's; `service.name` is the service itself. */
const unscoped = (key: string): TagSource[] =>
  key === 'service.name' ? [{ kind: 'serviceName' }] : [{ kind: 'attribute', scope: 'span', key }, { kind: 'attribute', scope: 'resource', key }];

/**
 * Where the values of a tag come from. `traceql` reads TraceQL identifiers (v2: `span.http.method`,
 * `.service.name`, `status`); otherwise a plain attribute name (v1: `service.name`, `http.method`),
 * with the intrinsics Tempo's v1 also answers (`name`, `status`).
 */
export const resolveTag = (tag: string, traceql: boolean): ResolvedTag => {
  const name = tag.replace(/^span:/, '').replace(/^trace:rootService$/, 'rootServiceName').replace(/^trace:rootName$/, 'rootName');
  if (KEYWORD_VALUES[name]) return { kind: 'keywords', values: KEYWORD_VALUES[name] };
  if (name === 'name' || name === 'rootName') return { kind: 'sources', sources: [{ kind: 'spanName' }] };
  if (name === 'rootServiceName') return { kind: 'sources', sources: [{ kind: 'serviceName' }] };
  if (name === 'statusMessage') return { kind: 'sources', sources: [{ kind: 'statusMessage' }] };
  if (name === 'resource.service.name') return { kind: 'sources', sources: [{ kind: 'serviceName' }] };
  if (traceql) {
    if (name.startsWith('.')) return name.length > 1 ? { kind: 'sources', sources: unscoped(name.slice(1)) } : { kind: 'none' };
    for (const [prefix, scope] of SCOPE_PREFIXES) {
      if (name.startsWith(prefix) && name.length > prefix.length) return { kind: 'sources', sources: [{ kind: 'attribute', scope, key: name.slice(prefix.length) }] };
    }
    if (name.includes(':') || INTRINSIC_TAGS.includes(name)) return { kind: 'none' }; // ids, durations: no list
  }
  return { kind: 'sources', sources: unscoped(name) };
};
