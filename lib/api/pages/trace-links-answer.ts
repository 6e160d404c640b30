// The wire contract of GET /api/ui/traces/{traceId}/links: a trace's span links both ways.

/**
 * Outgoing: `spanId` is a span of this trace, and it links to span `linkedSpanId` of trace `traceId`.
 * Incoming: `traceId`/`spanId` are the linking span (another trace), `linkedSpanId` the span of this trace it points at.
 */
export type TraceLinkEntry = {
  spanId: string;
  traceId: string;
  linkedSpanId: string;
  /** the service and operation of the span on the other side (the linked span of an outgoing link, the linking span of an incoming one), when it is stored */
  service?: string;
  operation?: string;
};

export type TraceLinksAnswer = {
  outgoing: TraceLinkEntry[];
  /** newest linking span first */
  incoming: TraceLinkEntry[];
  /** more spans link in than are listed (INCOMING_LIMIT in lib/traces/trace-links.ts) */
  incomingTruncated: boolean;
};
