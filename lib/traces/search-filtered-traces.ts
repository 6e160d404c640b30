import type { Operand, TraceFilter } from '@/lib/filter/filter-ast';
import { decodeValue, type EncodedValue, type TypedValue } from '@/lib/model/attribute-value';
import type { PageAfter } from '@/lib/model/trace-order';
import { loadDimensions, type Dimensions } from '@/lib/store/read/read-dimensions';
import { runTraceFilter, type RunTraceFilterOptions, type StoredMatchedSpan } from '@/lib/store/read/run-trace-filter';
import { namesOf, toDetail } from './search-trace-summaries';
import type { TraceSummaryDetail } from './summarize-trace';

// The search every filter door runs (TraceQL text, RFC 0005 JSON, Jaeger's tag parameters once
// they are a TraceFilter): one page of the matching traces, sorted and paged on the server over
// every match, each with its summary and the spans that matched (Tempo's spanSets), and the total.

/** Tempo's default number of matched spans shown per trace (`spss`). */
export const DEFAULT_SPANS_PER_SPANSET = 3;

/** The executor's options (run-trace-filter.ts), with Tempo's `spss` optional (default 3). */
export type SearchFilteredTracesOptions = Omit<RunTraceFilterOptions, 'spansPerSpanset'> & { spansPerSpanset?: number };

export type MatchedSpan = {
  spanId: string;
  parentSpanId?: string;
  name: string;
  service: string;
  startNs: bigint;
  durationNs: bigint;
  /** the values `| select(...)` asked for, by the name the query wrote (`span.http.route`, `resource.host`, `.x`, `name`) */
  attributes: Record<string, TypedValue>;
};

export type FilteredTrace = {
  summary: TraceSummaryDetail;
  /** spans of the trace in the result spanset */
  matchedSpanCount: number;
  /** the first `spansPerSpanset` of them by start time */
  spans: MatchedSpan[];
};

export type FilteredTracesPage = {
  traces: FilteredTrace[];
  /** where the next page starts; absent on the last page */
  next?: PageAfter;
  total?: { value: number; isEstimate: boolean };
  /** true when the candidate cap cut the search: some matching traces may be missing */
  capped: boolean;
};

const operandName = (o: Operand): string => {
  if (o.kind === 'intrinsic') return o.name;
  return o.scope === 'unscoped' ? `.${o.key}` : `${o.scope}.${o.key}`;
};

/** The value of a selected operand on a matched span, if it has one. */
const selectedValue = (o: Operand, span: StoredMatchedSpan, dims: Dimensions, spelled: Record<string, EncodedValue>): TypedValue | undefined => {
  if (o.kind === 'intrinsic') {
    switch (o.name) {
      case 'name':
        return { type: 'string', value: dims.operation(span.operationId).name };
      case 'service':
        return { type: 'string', value: dims.resource(span.resourceId).serviceName };
      case 'duration':
        return { type: 'int', value: span.durationNs };
      case 'start':
        return { type: 'int', value: span.startNs };
      case 'spanId':
        return { type: 'string', value: span.spanId };
      case 'parentSpanId':
        return span.parentSpanId ? { type: 'string', value: span.parentSpanId } : undefined;
      default:
        return undefined;
    }
  }
  const from = (attrs: Record<string, EncodedValue>) => (Object.hasOwn(attrs, o.key) ? decodeValue(attrs[o.key]) : undefined);
  switch (o.scope) {
    case 'span':
      return from(spelled);
    case 'resource':
      return from(dims.resource(span.resourceId).attributes);
    case 'scope':
      return from(dims.scope(span.scopeId).attributes);
    case 'unscoped':
      return from(spelled) ?? from(dims.resource(span.resourceId).attributes);
    default:
      return undefined;
  }
};

/** One page of the traces matching `filter`, with their matched spans. */
export const searchFilteredTraces = async ({ spansPerSpanset = DEFAULT_SPANS_PER_SPANSET, ...options }: SearchFilteredTracesOptions): Promise<FilteredTracesPage> => {
  const page = await runTraceFilter({ ...options, spansPerSpanset });
  const spans = [...page.matched.values()].flatMap((m) => m.spans);
  const [services, operations, dims] = await Promise.all([
    namesOf('services', page.rows.flatMap((r) => [r.rootServiceId, ...r.serviceIds])),
    namesOf('operations', page.rows.map((r) => r.rootOperationId)),
    loadDimensions({
      operationIds: spans.map((s) => s.operationId),
      resourceIds: spans.map((s) => s.resourceId),
      scopeIds: spans.map((s) => s.scopeId),
      attributes: spans.map((s) => s.attributes),
    }),
  ]);
  const toMatched = (span: StoredMatchedSpan): MatchedSpan => {
    const spelled = dims.attributes(span.attributes);
    const attributes: Record<string, TypedValue> = {};
    for (const o of page.selected) {
      const v = selectedValue(o, span, dims, spelled);
      if (v !== undefined) attributes[operandName(o)] = v;
    }
    return {
      spanId: span.spanId,
      ...(span.parentSpanId && { parentSpanId: span.parentSpanId }),
      name: dims.operation(span.operationId).name,
      service: dims.resource(span.resourceId).serviceName,
      startNs: span.startNs,
      durationNs: span.durationNs,
      attributes,
    };
  };
  const last = page.rows[page.rows.length - 1];
  return {
    traces: page.rows.map((r) => {
      const m = page.matched.get(r.traceId);
      return { summary: toDetail(r, services, operations), matchedSpanCount: m?.count ?? 0, spans: (m?.spans ?? []).map(toMatched) };
    }),
    ...(page.hasMore && last && { next: { key: last.sortKey, traceId: last.traceId } }),
    ...(page.total && { total: page.total }),
    capped: page.capped,
  };
};
