import { db } from './db';

export type FindTraceIdsBySpanIdOptions = { spanId: string; limit?: number };

/**
 * The trace ids (32 lower-case hex) holding a span with this id (16 lower-case hex), newest
 * first. Span ids are only unique within a trace, so there may be several. Uses spans_span_id_idx.
 */
export const findTraceIdsBySpanId = async ({ spanId, limit = 10 }: FindTraceIdsBySpanIdOptions): Promise<string[]> => {
  const rows = await db().$queryRaw<{ trace_id: string }[]>`
    SELECT replace(trace_id::text, '-', '') AS trace_id FROM spans
    WHERE span_id = decode(${spanId}, 'hex')
    GROUP BY trace_id ORDER BY max(start_ns) DESC LIMIT ${limit}`;
  return rows.map((r) => r.trace_id);
};
