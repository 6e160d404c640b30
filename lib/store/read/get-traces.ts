import type { EncodedAttributes } from '@/lib/model/attribute-value';
import type { SpanRecord, StatusCode, StoredEvent, StoredLink } from '@/lib/model/span-record';
import { COPY_ORDER_SQL, oneSpanOfEachId } from '@/lib/model/duplicate-spans';
import { pool } from '@/lib/store/db';
import { loadDimensions } from './read-dimensions';

// the columns of SELECT_SPANS, in order (rows are read as arrays)
type SpanRow = [
  traceId: string,
  spanId: string,
  parentSpanId: string | null,
  startNs: string,
  durationNs: string,
  operationId: number,
  resourceId: number,
  scopeId: number,
  statusCode: number,
  statusMessage: string | null,
  traceState: string | null,
  flags: number | null,
  attributes: EncodedAttributes,
  events: StoredEvent[] | null,
  links: StoredLink[] | null,
  droppedAttributesCount: number | null,
  droppedEventsCount: number | null,
  droppedLinksCount: number | null,
];

// int8 arrives as text (pg's default) and becomes a BigInt once; jsonb is parsed by pg
const SELECT_SPANS = `
  SELECT replace(trace_id::text, '-', ''), encode(span_id, 'hex'), encode(parent_span_id, 'hex'), start_ns, duration_ns,
         operation_id, resource_id, scope_id, status_code, status_message, trace_state, flags, attributes, events, links,
         dropped_attributes_count, dropped_events_count, dropped_links_count
  FROM spans_of_traces($1::uuid[])
  ORDER BY ${COPY_ORDER_SQL}`;

export type GetTracesOptions = { traceIds: string[] };

/**
 * Every span of each trace, as SpanRecords with their resource and scope row ids, grouped by
 * trace id (32 lower-case hex), by start time; each span id once; traces with no spans are
 * absent from the map. Through spans_of_traces() (a plan cached per connection,
 * see its migration): spans_trace_id_idx on every day partition.
 */
export const getTraces = async ({ traceIds }: GetTracesOptions): Promise<Map<string, SpanRecord[]>> => {
  const out = new Map<string, SpanRecord[]>();
  if (traceIds.length === 0) return out;
  const { rows } = await pool().query<SpanRow>({ text: SELECT_SPANS, values: [traceIds], rowMode: 'array' });
  const dims = await loadDimensions({
    operationIds: rows.map((r) => r[5]),
    resourceIds: rows.map((r) => r[6]),
    scopeIds: rows.map((r) => r[7]),
    attributes: rows.map((r) => r[12]),
  });
  // A span is its (trace id, span id); of several stored copies the first read wins (rows come in
  // the duplicate rule's order, lib/model/duplicate-spans.ts), except that the two halves of a
  // shared client/server span are both kept, the server half under an id of its own. Copies
  // happen: an exporter that timed out after we committed retries, and Zipkin clients share one
  // id between a client span and its server span. Applied here, once, so every API and the trace
  // page count the same spans.
  const byTrace = new Map<string, { row: SpanRow; at: number }[]>();
  rows.forEach((row, at) => {
    const list = byTrace.get(row[0]);
    if (list) list.push({ row, at });
    else byTrace.set(row[0], [{ row, at }]);
  });
  const kept: SpanRow[] = [];
  for (const [traceId, list] of byTrace) {
    const once = oneSpanOfEachId(
      list,
      ({ row }) => ({ spanId: row[1], parentSpanId: row[2] ?? '', kind: dims.operation(row[5]).kind, service: dims.resource(row[6]).serviceName }),
      (a, b) => a.at < b.at,
      ({ row, at }, spanId, parentSpanId) => ({ row: [row[0], spanId, parentSpanId || null, ...row.slice(3)] as SpanRow, at }),
      traceId,
    );
    for (const { row } of once) kept.push(row);
  }
  for (const r of kept) {
    const [traceId, spanId, parentSpanId, startText, durationText, operationId, resourceId, scopeId] = r;
    const [, , , , , , , , statusCode, statusMessage, traceState, flags, attributes, events, links, droppedAttributes, droppedEvents, droppedLinks] = r;
    const op = dims.operation(operationId);
    const startNs = BigInt(startText);
    const record: SpanRecord = {
      traceId,
      spanId,
      parentSpanId: parentSpanId ?? '',
      name: op.name,
      kind: op.kind,
      startNs,
      endNs: startNs + BigInt(durationText),
      statusCode: statusCode as StatusCode,
      statusMessage: statusMessage ?? '',
      traceState: traceState ?? '',
      flags: (flags ?? 0) >>> 0,
      attributes: dims.attributes(attributes),
      droppedAttributesCount: droppedAttributes ?? 0,
      events: events ?? [],
      droppedEventsCount: droppedEvents ?? 0,
      links: links ?? [],
      droppedLinksCount: droppedLinks ?? 0,
      resource: dims.resource(resourceId),
      scope: dims.scope(scopeId),
      resourceId,
      scopeId,
    };
    const list = out.get(traceId);
    if (list) list.push(record);
    else out.set(traceId, [record]);
  }
  return out;
};
