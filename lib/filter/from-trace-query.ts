import { spanKindOfWord, spanKindWord, statusCodeName, statusCodeOfEnumName } from '@/lib/model/conventions';
import { TagKey } from '@/lib/model/tag-conventions';
import type { TagFilter, TraceQuery } from '@/lib/model/trace-query';
import type { Literal, Operand, SpanCondition, StatusWord, TraceFilter } from './filter-ast';

// Jaeger's legacy search parameters as the filter AST, with exactly the semantics of
// lib/store/read/span-criteria-sql.ts: ONE span meets every span criterion (service, operation,
// duration bounds, every tag), and a plain tag matches by string form (untyped) on the span's
// attributes, its resource, its scope, one of its events or one of its links. The tag keys
// that carry OTLP fields (lib/model/tag-conventions.ts) become those fields. Trace-level criteria
// are trace intrinsics, the same for every span of a trace, so they join the same conjunction.

export type LegacyTraceQuery = Pick<
  TraceQuery,
  'serviceName' | 'operationName' | 'tags' | 'durationMinNs' | 'durationMaxNs' | 'traceDurationMinNs' | 'traceDurationMaxNs' | 'rootServiceName' | 'rootOperationName'
>;

const intrinsic = (name: Extract<Operand, { kind: 'intrinsic' }>['name']): Operand => ({ kind: 'intrinsic', name });
const text = (value: string): Literal => ({ type: 'string', value });
const eq = (operand: Operand, value: Literal): SpanCondition => ({ kind: 'compare', operand, op: '=', value });
const NOTHING: SpanCondition = { kind: 'false' };

const tagCondition = ({ key, value }: TagFilter): SpanCondition => {
  const lower = value.toLowerCase();
  if (key === TagKey.ERROR && (lower === 'true' || lower === 'false')) {
    const error: Literal = { type: 'status', value: 'error' };
    if (lower === 'false') return { kind: 'compare', operand: intrinsic('status'), op: '!=', value: error };
    // the status, or an `error: true` span attribute that ingest kept (a non-OTLP sender's)
    return { kind: 'or', args: [eq(intrinsic('status'), error), eq({ kind: 'attribute', scope: 'span', key: TagKey.ERROR }, { type: 'bool', value: true })] };
  }
  if (key === TagKey.SPAN_KIND) {
    const kind = spanKindOfWord(value);
    return kind === undefined ? NOTHING : eq(intrinsic('kind'), { type: 'kind', value: spanKindWord(kind)! });
  }
  if (key === 'span.status' || key === TagKey.STATUS_CODE) {
    const code = statusCodeOfEnumName(value);
    return code === undefined ? NOTHING : eq(intrinsic('status'), { type: 'status', value: statusCodeName(code)!.toLowerCase() as StatusWord });
  }
  if (key === TagKey.STATUS_DESCRIPTION) return eq(intrinsic('statusMessage'), text(value));
  if (key === TagKey.TRACE_STATE) return eq(intrinsic('traceState'), text(value));
  if (key === 'scope.name' || key === TagKey.SCOPE_NAME) return eq(intrinsic('scopeName'), text(value));
  if (key === 'scope.version' || key === TagKey.SCOPE_VERSION) return eq(intrinsic('scopeVersion'), text(value));

  const untyped: Literal = { type: 'untyped', value };
  if (key.startsWith('resource.')) return eq({ kind: 'attribute', scope: 'resource', key: key.slice('resource.'.length) }, untyped);
  const places: SpanCondition[] = [
    eq({ kind: 'attribute', scope: 'span', key }, untyped),
    eq({ kind: 'attribute', scope: 'resource', key }, untyped),
    eq({ kind: 'attribute', scope: 'scope', key }, untyped),
    { kind: 'some', over: 'event', where: eq({ kind: 'attribute', scope: 'event', key }, untyped) },
    { kind: 'some', over: 'link', where: eq({ kind: 'attribute', scope: 'link', key }, untyped) },
  ];
  // a Jaeger log's `event` field is the OTel event's name: Jaeger's stores index it as a tag
  if (key === TagKey.LOG_EVENT) places.push({ kind: 'some', over: 'event', where: eq(intrinsic('eventName'), text(value)) });
  return { kind: 'or', args: places };
};

/** The legacy parameters as one same-span filter (`{ }` when there are none). */
export const filterFromTraceQuery = (q: LegacyTraceQuery): TraceFilter => {
  const all: SpanCondition[] = [];
  const duration = (name: 'duration' | 'traceDuration', op: '>=' | '<=', ns: bigint | undefined) => {
    if (ns !== undefined) all.push({ kind: 'compare', operand: intrinsic(name), op, value: { type: 'duration', value: ns } });
  };
  if (q.serviceName !== undefined) all.push(eq(intrinsic('service'), text(q.serviceName)));
  if (q.operationName !== undefined && q.operationName !== '') all.push(eq(intrinsic('name'), text(q.operationName)));
  duration('duration', '>=', q.durationMinNs);
  duration('duration', '<=', q.durationMaxNs);
  for (const tag of q.tags) all.push(tagCondition(tag));
  duration('traceDuration', '>=', q.traceDurationMinNs);
  duration('traceDuration', '<=', q.traceDurationMaxNs);
  if (q.rootServiceName !== undefined) all.push(eq(intrinsic('rootService'), text(q.rootServiceName)));
  if (q.rootOperationName !== undefined) all.push(eq(intrinsic('rootName'), text(q.rootOperationName)));
  const where: SpanCondition = all.length === 0 ? { kind: 'true' } : all.length === 1 ? all[0] : { kind: 'and', args: all };
  return { root: { kind: 'spans', where } };
};
