import { db } from '@/lib/store/db';

export type FindExistingTraceIdsOptions = { traceIds: string[] };

/** Those of the given trace ids (32 lower-case hex) that have at least one span, in the order given. Uses spans_trace_id_idx. */
export const findExistingTraceIds = async ({ traceIds }: FindExistingTraceIdsOptions): Promise<string[]> => {
  if (traceIds.length === 0) return [];
  // a plain filter on the distribution column, not a correlated EXISTS over unnest(): Citus
  // routes this to the ids' shards and refuses the other form
  const rows = await db().$queryRaw<{ trace_id: string }[]>`
    SELECT DISTINCT replace(trace_id::text, '-', '') AS trace_id FROM spans WHERE trace_id = ANY(${traceIds}::uuid[])`;
  const found = new Set(rows.map((r) => r.trace_id));
  return traceIds.filter((id) => found.has(id));
};
