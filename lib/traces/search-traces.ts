import type { SpanRecord } from '@/lib/model/span-record';
import type { TraceQuery } from '@/lib/model/trace-query';
import { findTraceIds } from '@/lib/store/read/find-trace-ids';
import { getTraces } from '@/lib/store/read/get-traces';

export type SearchTracesOptions = { query: TraceQuery };

/** The complete traces matching a search, newest first; each trace's spans by start time. */
export const searchTraces = async ({ query }: SearchTracesOptions): Promise<SpanRecord[][]> => {
  const ids = await findTraceIds({ query });
  const traces = await getTraces({ traceIds: ids });
  return ids.map((id) => traces.get(id)).filter((t) => t !== undefined);
};
