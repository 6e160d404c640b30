import { COPY_ORDER_SQL } from '@/lib/model/duplicate-spans';
import { db } from '@/lib/store/db';
import { Prisma } from '@/lib/store/generated/client';
import { loadDimensions } from './read-dimensions';

/** A span named by its trace id (32 lower-case hex) and span id (16 lower-case hex). */
export type SpanRef = { traceId: string; spanId: string };
export type SpanName = { service: string; operation: string };

/** Spans named at most per call: a trace whose spans link to more targets gets names for the first ones only. */
export const MAX_NAMED_SPANS = 1_000;

export const spanRefKey = (ref: SpanRef): string => `${ref.traceId}/${ref.spanId}`;

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

/**
 * The service and operation of each stored span among `refs` (keyed by spanRefKey); spans that are
 * not stored (a link to a trace that was never sent, or has expired) are simply absent. Reads the
 * named traces through spans_of_traces, as trace by id does, and only the spans asked for.
 */
export const findSpanNames = async (refs: readonly SpanRef[]): Promise<Map<string, SpanName>> => {
  const wanted = refs.filter((r) => TRACE_ID.test(r.traceId) && SPAN_ID.test(r.spanId)).slice(0, MAX_NAMED_SPANS);
  if (wanted.length === 0) return new Map();
  const keys = new Set(wanted.map(spanRefKey));
  const rows = await db().$queryRaw<{ trace_id: string; span_id: string; operation_id: number; resource_id: number }[]>`
    SELECT DISTINCT ON (s.trace_id, s.span_id)
           replace(s.trace_id::text, '-', '') AS trace_id, encode(s.span_id, 'hex') AS span_id, s.operation_id, s.resource_id
    FROM spans_of_traces(${[...new Set(wanted.map((r) => r.traceId))]}::uuid[]) s
    WHERE s.span_id = ANY (ARRAY(SELECT decode(x, 'hex') FROM unnest(${[...new Set(wanted.map((r) => r.spanId))]}::text[]) x))
    ORDER BY s.trace_id, s.span_id, ${Prisma.raw(COPY_ORDER_SQL)}`;
  const found = rows.filter((r) => keys.has(`${r.trace_id}/${r.span_id}`));
  const dims = await loadDimensions({ operationIds: found.map((r) => r.operation_id), resourceIds: found.map((r) => r.resource_id), scopeIds: [] });
  return new Map(found.map((r) => [`${r.trace_id}/${r.span_id}`, { service: dims.resource(r.resource_id).serviceName, operation: dims.operation(r.operation_id).name }]));
};
