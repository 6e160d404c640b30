import { findExistingTraceIds } from '@/lib/store/read/find-existing-trace-ids';
import { findIncomingLinks, type IncomingLink } from '@/lib/store/read/find-incoming-links';
import { findOutgoingLinks, type OutgoingLink } from '@/lib/store/read/find-outgoing-links';
import { findSpanNames, spanRefKey, type SpanName } from '@/lib/store/read/find-span-names';

// A trace's span links in both directions: the links its spans carry (outgoing), and the spans
// of other traces that link to its spans (incoming, from the links GIN index). Each names the
// service and operation of the span on the other side when it is stored, so a link reads as
// "checkout · PlaceOrder" rather than two ids.

/** Incoming links listed at most; a trace linked from more (a batch consumer's source) says so. */
export const INCOMING_LIMIT = 1000;

type Named<T> = T & Partial<SpanName>;

export type TraceLinks =
  | { found: false }
  | { found: true; outgoing: Named<OutgoingLink>[]; incoming: Named<IncomingLink>[]; incomingTruncated: boolean };

/** The same linking span listed once, whichever of its stored copies the rows came from. */
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
  const [existing, outgoing, incoming] = await Promise.all([
    findExistingTraceIds({ traceIds: [traceId] }),
    findOutgoingLinks(traceId),
    findIncomingLinks({ traceId, limit: INCOMING_LIMIT + 1 }),
  ]);
  if (existing.length === 0) return { found: false };
  const listed = unique(incoming.slice(0, INCOMING_LIMIT));
  // the other side: the linked span of an outgoing link, the linking span of an incoming one
  const names = await findSpanNames([
    ...outgoing.map((l) => ({ traceId: l.traceId, spanId: l.linkedSpanId })),
    ...listed.map((l) => ({ traceId: l.traceId, spanId: l.spanId })),
  ]);
  return {
    found: true,
    outgoing: outgoing.map((l) => ({ ...l, ...names.get(spanRefKey({ traceId: l.traceId, spanId: l.linkedSpanId })) })),
    incoming: listed.map((l) => ({ ...l, ...names.get(spanRefKey(l)) })),
    incomingTruncated: incoming.length > INCOMING_LIMIT,
  };
};
