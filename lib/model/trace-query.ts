/** One tag predicate; the value is compared with the string form of a stored attribute (Jaeger semantics). */
export type TagFilter = { key: string; value: string };

/**
 * A trace search, as both Jaeger query APIs (v1 `GET /api/traces`, api_v3 `/api/v3/traces`)
 * express it. Every criterion applies to one and the same span; the whole trace of a matching
 * span is the result (Jaeger's search semantics; its storage integration tests pin them).
 */
export type TraceQuery = {
  serviceName?: string;
  operationName?: string;
  /** AND; each value compared by string form */
  tags: TagFilter[];
  /** inclusive window on the SPAN start time, unix nanoseconds */
  startMinNs: bigint;
  startMaxNs: bigint;
  /** inclusive bounds on the span duration, nanoseconds */
  durationMinNs?: bigint;
  durationMaxNs?: bigint;
  /** number of traces */
  limit: number;
  /** trace-level criteria, on the whole trace (its summary), not on one span */
  traceDurationMinNs?: bigint;
  traceDurationMaxNs?: bigint;
  rootServiceName?: string;
  rootOperationName?: string;
};

/** The trace-level criteria of a query (a search by summaries honours them; Jaeger's v1 search has none). */
export const hasTraceLevelCriteria = (q: TraceQuery): boolean =>
  q.traceDurationMinNs !== undefined || q.traceDurationMaxNs !== undefined || q.rootServiceName !== undefined || q.rootOperationName !== undefined;

/** Jaeger's server-side default search depth (`defaultQueryLimit`). */
export const DEFAULT_TRACE_LIMIT = 100;

/** jaeger-ui's `search.maxLimit`; we clamp to it so one request cannot ask for every trace. */
export const MAX_TRACE_LIMIT = 1500;
