import { findIncomingLinks, type IncomingLink } from '@/lib/store/read/find-incoming-links';
import { getTraces } from '@/lib/store/read/get-traces';

// A trace's span links in both directions: the links its spans carry (outgoing), and the spans
// of other traces that link to its spans (incoming, from the links GIN index).

/** Incoming links listed at most; a trace linked from more (a batch consumer's source) says so. */
export const INCOMING_LIMIT = 1000;

/** One link; which end is which depends on the direction (see lib/api/pages/trace-links-answer.ts). */
export type SpanLink = { spanId: string; traceId: string; linkedSpanId: string };

export type TraceLinks = { found: false } | { found: true; outgoing: SpanLink[]; incoming: SpanLink[]; incomingTruncated: boolean };

const unique = (links: IncomingLink[]) => {
  const seen = new Set<string>();
  return links.filter((l) => {
    const key = `${l.traceId}/${l.spanId}/${l.linkedSpanId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** The links of a stored trace (32 lower-case hex), both ways. */
export const traceLinks = async (traceId: string): Promise<TraceLinks> => {
  const [traces, incoming] = await Promise.all([getTraces({ traceIds: [traceId] }), findIncomingLinks({ traceId, limit: INCOMING_LIMIT + 1 })]);
  const spans = traces.get(traceId);
  if (!spans) return { found: false };
  const outgoing = spans.flatMap((s) => s.links.map((l) => ({ spanId: s.spanId, traceId: l.t, linkedSpanId: l.s })));
  return { found: true, outgoing, incoming: unique(incoming.slice(0, INCOMING_LIMIT)), incomingTruncated: incoming.length > INCOMING_LIMIT };
};
