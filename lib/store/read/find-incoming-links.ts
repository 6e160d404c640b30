import { db } from '@/lib/store/db';

export type FindIncomingLinksOptions = {
  /** 32 lower-case hex */
  traceId: string;
  /** at most this many linking spans */
  limit: number;
};

/** A span of another trace that links to a span of this one. */
export type IncomingLink = { traceId: string; spanId: string; linkedSpanId: string };

/**
 * Spans of other traces whose links point into this trace. Links are stored in spans.links as
 * [{"t":<trace id>,"s":<span id>,…}] (lib/model/span-record.ts StoredLink), and the containment
 * `links @> [{"t":…}]` is answered by spans_links_gin (jsonb_path_ops) on every day partition:
 * no time range is known, and none is needed, since the GIN lookup reads only matching rows.
 */
export const findIncomingLinks = async ({ traceId, limit }: FindIncomingLinksOptions): Promise<IncomingLink[]> => {
  const rows = await db().$queryRaw<{ trace_id: string; span_id: string; linked_span_id: string }[]>`
    SELECT replace(s.trace_id::text, '-', '') AS trace_id, encode(s.span_id, 'hex') AS span_id, l->>'s' AS linked_span_id
    FROM spans s CROSS JOIN LATERAL jsonb_array_elements(s.links) l
    WHERE s.links IS NOT NULL AND s.links @> ${JSON.stringify([{ t: traceId }])}::jsonb
      AND s.trace_id <> ${traceId}::uuid AND l->>'t' = ${traceId}
    ORDER BY s.start_ns DESC
    LIMIT ${limit}`;
  return rows.map((r) => ({ traceId: r.trace_id, spanId: r.span_id, linkedSpanId: r.linked_span_id }));
};
