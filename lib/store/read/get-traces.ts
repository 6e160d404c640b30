import type { EncodedAttributes } from '@/lib/model/attribute-value';
import type { SpanRecord, StatusCode, StoredEvent, StoredLink } from '@/lib/model/span-record';
import { COPY_ORDER_SQL, oneSpanOfEachId } from '@/lib/model/duplicate-spans';
import pg from 'pg';
import { pool } from '@/lib/store/db';
import { QueryAbandonedError, readSettings, ReadBudgetError } from '@/lib/store/read-budget';
import { loadDimensions } from './read-dimensions';
import { elementsInOrder, ORDER_KEY_SQL } from '@/lib/store/write/key-order';

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

// Attribute values longer than $2 characters are cut in PostgreSQL, so a span holding megabytes
// of attributes never reaches this process whole: a string keeps its first $2 characters and ends
// with the marker of lib/model/cut-attribute-value.ts (the whole value: get-span-attribute.ts); any other value over $2 bytes of JSON (bytes, arrays, maps) becomes the marker.
// The cheap test on the whole object first: most spans' attributes are far below the limit.
// The order code (lib/store/write/key-order.ts) is never cut.
const CUT_ATTRIBUTES_SQL = `
  CASE WHEN octet_length(attributes::text) <= $2 THEN attributes::text
  ELSE (SELECT jsonb_object_agg(e.key, CASE
          WHEN e.key = ${ORDER_KEY_SQL} THEN e.value
          WHEN jsonb_typeof(e.value) = 'string' AND length(e.value #>> '{}') > $2
            THEN to_jsonb(left(e.value #>> '{}', $2) || '…[cut: ' || length(e.value #>> '{}') || ' characters in all]')
          WHEN jsonb_typeof(e.value) <> 'string' AND octet_length(e.value::text) > $2
            THEN to_jsonb('…[cut: a value of ' || octet_length(e.value::text) || ' bytes in all]')
          ELSE e.value END)::text
        FROM jsonb_each(attributes) e) END`;

// int8 arrives as text (pg's default) and becomes a BigInt once; the jsonb columns arrive as text,
// counted against the read's byte budget before they are parsed
// (the trace id only when several traces are read: one trace's 100,000 spans would otherwise carry
// 100,000 copies of it; start and duration as text, which node-pg hands over as it is)
const SELECT_SPANS = `
  SELECT CASE WHEN cardinality($1::uuid[]) > 1 THEN replace(trace_id::text, '-', '') END, encode(span_id, 'hex'), encode(parent_span_id, 'hex'),
         start_ns::text, duration_ns::text,
         operation_id, resource_id, scope_id, status_code, status_message, trace_state, flags, ${CUT_ATTRIBUTES_SQL},
         events::text, links::text, dropped_attributes_count, dropped_events_count, dropped_links_count
  FROM spans_of_traces($1::uuid[])
  ORDER BY ${COPY_ORDER_SQL}`;

// as SpanRow, but attributes, events and links still JSON text
type RawRow = [...head: unknown[]];

const textBytes = (row: unknown[]) => {
  let n = 64; // the numbers and ids, roughly
  for (const v of row) if (typeof v === 'string') n += v.length;
  return n;
};

/**
 * The span rows of `traceIds`, streamed and counted: once they exceed QUERY_MAX_SPANS rows or
 * QUERY_MAX_BYTES of text, the read stops (its connection is dropped, which ends the query) and
 * ReadBudgetError says which budget and how to stay within it.
 */
const readSpanRows = async (traceIds: string[], signal?: AbortSignal): Promise<SpanRow[]> => {
  const { maxSpans, maxBytes, attributeValueLength } = readSettings();
  if (signal?.aborted) throw new QueryAbandonedError('the client went away');
  const client = await pool().connect();
  let over: ReadBudgetError | QueryAbandonedError | undefined;
  let abandon: (() => void) | undefined;
  const rows: SpanRow[] = [];
  const only = traceIds.length === 1 ? traceIds[0].toLowerCase().replaceAll('-', '') : undefined; // as PostgreSQL would write it
  try {
    await new Promise<void>((resolve, reject) => {
      let bytes = 0;
      const query = new pg.Query({ text: SELECT_SPANS, values: [traceIds, attributeValueLength], rowMode: 'array' } as pg.QueryConfig);
      query.on('row', (raw: RawRow) => {
        if (over) return;
        bytes += textBytes(raw);
        if (rows.length >= maxSpans || bytes > maxBytes) {
          const which = rows.length >= maxSpans ? `more than ${maxSpans} spans (QUERY_MAX_SPANS)` : `more than ${Math.round(maxBytes / 1024 / 1024)} MiB of span data (QUERY_MAX_BYTES)`;
          over = new ReadBudgetError(
            `the ${traceIds.length === 1 ? 'trace' : `${traceIds.length} traces`} asked for hold ${which}: ask for fewer traces (a lower limit, a narrower search) or raise the setting`,
          );
          reject(over);
          return;
        }
        // parsed in place: a copy of each row was 100,000 arrays more to collect on a big trace
        raw[0] ??= only;
        raw[12] = JSON.parse(raw[12] as string);
        if (raw[13] !== null) raw[13] = JSON.parse(raw[13] as string);
        if (raw[14] !== null) raw[14] = JSON.parse(raw[14] as string);
        rows.push(raw as SpanRow);
      });
      query.on('end', () => resolve());
      query.on('error', reject);
      // the client went away: stop reading (the connection is destroyed below, which ends the query)
      abandon = () => {
        over ??= new QueryAbandonedError('the client went away while its trace was read');
        reject(over);
      };
      signal?.addEventListener('abort', abandon, { once: true });
      if (signal?.aborted) return abandon(); // it went while this waited for a connection
      client.query(query);
    });
  } finally {
    if (abandon) signal?.removeEventListener('abort', abandon);
    client.release(over); // an error destroys the connection, and with it the rest of the answer
  }
  return rows;
};

export type GetTracesOptions = {
  traceIds: string[];
  /** the request's signal: when it aborts (the client went away) the read stops with QueryAbandonedError */
  signal?: AbortSignal;
};

/**
 * Every span of each trace (within the read budget, attribute values over
 * QUERY_ATTRIBUTE_VALUE_LENGTH cut with a marker: see readSpanRows), as SpanRecords with their resource and scope row ids, grouped by
 * trace id (32 lower-case hex), by start time; each span id once; traces with no spans are
 * absent from the map. Through spans_of_traces() (a plan cached per connection,
 * see its migration): spans_trace_id_idx on every day partition.
 */
export const getTraces = async ({ traceIds, signal }: GetTracesOptions): Promise<Map<string, SpanRecord[]>> => {
  const out = new Map<string, SpanRecord[]>();
  if (traceIds.length === 0) return out;
  const rows = await readSpanRows(traceIds, signal);
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
      events: events === null ? [] : elementsInOrder(events),
      droppedEventsCount: droppedEvents ?? 0,
      links: links === null ? [] : elementsInOrder(links),
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
