import { COPY_ORDER_SQL } from '@/lib/model/duplicate-spans';
import { db } from '@/lib/store/db';
import { Prisma } from '@/lib/store/generated/client';

/** A link carried by a span of the trace: `spanId` links to span `linkedSpanId` of trace `traceId`. */
export type OutgoingLink = { spanId: string; traceId: string; linkedSpanId: string };

/**
 * The links the spans of one trace (32 lower-case hex) carry, by span start, each span's links in
 * their order. Only the links column is read, not whole spans, so a 100,000-span trace answers
 * without being assembled; of a span's copies the first by the duplicate rule counts.
 */
export const findOutgoingLinks = async (traceId: string): Promise<OutgoingLink[]> => {
  const rows = await db().$queryRaw<{ span_id: string; trace_id: string; linked_span_id: string }[]>`
    SELECT encode(x.span_id, 'hex') AS span_id, e.l->>'t' AS trace_id, e.l->>'s' AS linked_span_id
    FROM (
      SELECT DISTINCT ON (span_id) span_id, start_ns, links
      FROM spans_of_traces(ARRAY[${traceId}]::uuid[])
      ORDER BY span_id, ${Prisma.raw(COPY_ORDER_SQL)}
    ) x CROSS JOIN LATERAL jsonb_array_elements(x.links) WITH ORDINALITY AS e(l, n)
    WHERE x.links IS NOT NULL
    ORDER BY x.start_ns, x.span_id, e.n`;
  return rows.map((r) => ({ spanId: r.span_id, traceId: r.trace_id, linkedSpanId: r.linked_span_id }));
};
