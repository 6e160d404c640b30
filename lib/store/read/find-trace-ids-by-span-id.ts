import { db } from '@/lib/store/db';

export type FindTraceIdsBySpanIdOptions = { spanId: string; limit?: number };

/**
 * The trace ids (32 lower-case hex) holding a span with this id (16 lower-case hex), newest
 * first. Span ids are only unique within a trace, so there may be several. Through
 * trace_ids_of_span() (see its migration): spans_span_id_bloom, a BRIN bloom filter that reads
 * ~1% of each day's heap pages.
 */
export const findTraceIdsBySpanId = async ({ spanId, limit = 10 }: FindTraceIdsBySpanIdOptions): Promise<string[]> => {
  const rows = await db().$queryRaw<{ trace_id: string }[]>`
    SELECT replace(trace_id::text, '-', '') AS trace_id FROM trace_ids_of_span(decode(${spanId}, 'hex'), ${limit}::int)`;
  return rows.map((r) => r.trace_id);
};
