import { db } from '@/lib/store/db';

export type FindSimilarTraceIdsOptions = {
  /** 32 lower-case hex */
  traceId: string;
  /** at most this many traces */
  limit: number;
};

export type SimilarTraces = { traceIds: string[]; spanCounts: number[] };

/**
 * The latest traces (newest first) whose root has the same service and operation as this
 * trace's, the trace itself excluded: the population a "typical trace" is taken from. Walks
 * trace_summaries_start_ns_idx backwards keeping the matching roots.
 */
export const findSimilarTraceIds = async ({ traceId, limit }: FindSimilarTraceIdsOptions): Promise<SimilarTraces> => {
  const rows = await db().$queryRaw<{ trace_id: string; span_count: number }[]>`
    WITH me AS (SELECT root_service_id, root_operation_id FROM trace_summaries WHERE trace_id = ${traceId}::uuid LIMIT 1)
    SELECT replace(t.trace_id::text, '-', '') AS trace_id, t.span_count
    FROM trace_summaries t, me
    WHERE t.root_service_id = me.root_service_id AND t.root_operation_id = me.root_operation_id AND t.trace_id <> ${traceId}::uuid
    ORDER BY t.start_ns DESC LIMIT ${limit}`;
  return { traceIds: rows.map((r) => r.trace_id), spanCounts: rows.map((r) => r.span_count) };
};
