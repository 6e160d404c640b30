import { db } from '@/lib/store/db';

export type FindExistingTraceIdsOptions = { traceIds: string[] };

/** Those of the given trace ids (32 lower-case hex) that have at least one span, in the order given. Uses spans_trace_id_idx. */
export const findExistingTraceIds = async ({ traceIds }: FindExistingTraceIdsOptions): Promise<string[]> => {
  if (traceIds.length === 0) return [];
  const rows = await db().$queryRaw<{ trace_id: string }[]>`
    SELECT replace(id::text, '-', '') AS trace_id FROM unnest(${traceIds}::uuid[]) AS id
    WHERE EXISTS (SELECT 1 FROM spans WHERE trace_id = id)`;
  const found = new Set(rows.map((r) => r.trace_id));
  return traceIds.filter((id) => found.has(id));
};
