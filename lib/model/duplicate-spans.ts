// The one rule for a span stored more than once (an exporter retried a batch that had been
// committed, or two reporters used one span id): a span is its (trace id, span id), and of its
// copies the one with the earliest start counts; copies that start together are ordered by
// duration, service and operation, so every reader picks the same one whatever order the rows
// come back in. Trace reads (get-traces.ts), the trace summaries and their backfill all use it.

/** The SQL order of a span row's copies, best first (columns of `spans`). */
export const COPY_ORDER_SQL = 'start_ns, duration_ns, service_id, operation_id';

export type SpanCopy = { startNs: bigint; endNs: bigint; serviceId: number; operationId: number };

/** Whether copy `a` of a span wins over copy `b`, as COPY_ORDER_SQL orders them. */
export const isPreferredCopy = (a: SpanCopy, b: SpanCopy): boolean => {
  if (a.startNs !== b.startNs) return a.startNs < b.startNs;
  const da = a.endNs - a.startNs;
  const db = b.endNs - b.startNs;
  if (da !== db) return da < db;
  if (a.serviceId !== b.serviceId) return a.serviceId < b.serviceId;
  return a.operationId < b.operationId;
};
