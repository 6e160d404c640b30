// How a trace search orders and pages its matches: over every matching trace, on the server.
// Each order is total (the trace id breaks ties, in the same direction), so a page boundary is
// one (key, trace id) pair and a walk of the pages visits every match once.

export const TRACE_ORDERS = ['start_desc', 'start_asc', 'duration_desc', 'duration_asc', 'span_count_desc', 'error_count_desc'] as const;
export type TraceOrder = (typeof TRACE_ORDERS)[number];
export const DEFAULT_TRACE_ORDER: TraceOrder = 'start_desc';

/** Where the previous page ended: its last trace's sort key and id. */
export type PageAfter = { key: bigint; traceId: string };

/** Up to this many matching traces are counted exactly; beyond, the total is an estimate. */
export const EXACT_TOTAL_LIMIT = 10_000;

export const isTraceOrder = (value: string): value is TraceOrder => (TRACE_ORDERS as readonly string[]).includes(value);
