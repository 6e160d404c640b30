import type { SpanRecord } from '@/lib/model/span-record';
import { getTraces } from '@/lib/store/read/get-traces';

export type LookupTracesOptions = { traceIds: string[] };

/** Traces by id (32 lower-case hex), in the order asked; `missing` lists ids with no spans. */
export const lookupTraces = async ({ traceIds }: LookupTracesOptions): Promise<{ traces: SpanRecord[][]; missing: string[] }> => {
  const unique = [...new Set(traceIds)];
  const found = await getTraces({ traceIds: unique });
  return {
    traces: unique.map((id) => found.get(id)).filter((t) => t !== undefined),
    missing: unique.filter((id) => !found.has(id)),
  };
};
