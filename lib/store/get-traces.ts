import type { EncodedAttributes } from '../model/attributes';
import type { SpanRecord, StatusCode, StoredEvent, StoredLink } from '../model/types';
import { db } from './db';
import { loadDimensions } from './read-dimensions';

type SpanRow = {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  start_ns: bigint;
  duration_ns: bigint;
  operation_id: number;
  resource_id: number;
  scope_id: number;
  status_code: number;
  status_message: string | null;
  trace_state: string | null;
  flags: number | null;
  attributes: EncodedAttributes;
  events: StoredEvent[] | null;
  links: StoredLink[] | null;
  dropped_attributes_count: number | null;
  dropped_events_count: number | null;
  dropped_links_count: number | null;
};

export type GetTracesOptions = { traceIds: string[] };

/**
 * Every span of each trace, as SpanRecords, grouped by trace id (32 lower-case hex); traces
 * with no spans are absent from the map. Through spans_of_traces() (a plan cached per connection,
 * see its migration): spans_trace_id_idx on every day partition.
 */
export const getTraces = async ({ traceIds }: GetTracesOptions): Promise<Map<string, SpanRecord[]>> => {
  const out = new Map<string, SpanRecord[]>();
  if (traceIds.length === 0) return out;
  const rows = await db().$queryRaw<SpanRow[]>`
    SELECT replace(trace_id::text, '-', '') AS trace_id, encode(span_id, 'hex') AS span_id,
           encode(parent_span_id, 'hex') AS parent_span_id, start_ns, duration_ns, operation_id, resource_id, scope_id,
           status_code, status_message, trace_state, flags, attributes, events, links,
           dropped_attributes_count, dropped_events_count, dropped_links_count
    FROM spans_of_traces(${traceIds}::uuid[])
    ORDER BY start_ns`;
  const dims = await loadDimensions({
    operationIds: rows.map((r) => r.operation_id),
    resourceIds: rows.map((r) => r.resource_id),
    scopeIds: rows.map((r) => r.scope_id),
    attributes: rows.map((r) => r.attributes),
  });
  // An exporter that timed out after we committed retries, and its spans arrive twice: an exact
  // repeat (same span id, start, duration and operation) is shown once. Spans that merely share
  // an id (Zipkin's shared client/server spans) differ in kind or timing and are all kept.
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r.trace_id}${r.span_id}${r.start_ns}/${r.duration_ns}/${r.operation_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const op = dims.operation(r.operation_id);
    const record: SpanRecord = {
      traceId: r.trace_id,
      spanId: r.span_id,
      parentSpanId: r.parent_span_id ?? '',
      name: op.name,
      kind: op.kind,
      startNs: BigInt(r.start_ns),
      endNs: BigInt(r.start_ns) + BigInt(r.duration_ns),
      statusCode: r.status_code as StatusCode,
      statusMessage: r.status_message ?? '',
      traceState: r.trace_state ?? '',
      flags: (r.flags ?? 0) >>> 0,
      attributes: dims.attributes(r.attributes),
      droppedAttributesCount: r.dropped_attributes_count ?? 0,
      events: r.events ?? [],
      droppedEventsCount: r.dropped_events_count ?? 0,
      links: r.links ?? [],
      droppedLinksCount: r.dropped_links_count ?? 0,
      resource: dims.resource(r.resource_id),
      scope: dims.scope(r.scope_id),
    };
    const list = out.get(r.trace_id);
    if (list) list.push(record);
    else out.set(r.trace_id, [record]);
  }
  return out;
};
