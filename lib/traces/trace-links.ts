import { findExistingTraceIds } from '@/lib/store/read/find-existing-trace-ids';
import { findIncomingLinks, type IncomingLink } from '@/lib/store/read/find-incoming-links';
import { findOutgoingLinks, type OutgoingLink } from '@/lib/store/read/find-outgoing-links';

// A trace's span links in both directions: the links its spans carry (outgoing), and the spans
// of other traces that link to its spans (incoming, from the links GIN index).

/** Incoming links listed at most; a trace linked from more (a batch consumer's source) says so. */
export const INCOMING_LIMIT = 1000;

export type TraceLinks = { found: false } | { found: true; outgoing: OutgoingLink[]; incoming: IncomingLink[]; incomingTruncated: boolean };

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
  return { found: true, outgoing, incoming: unique(incoming.slice(0, INCOMING_LIMIT)), incomingTruncated: incoming.length > INCOMING_LIMIT };
};
