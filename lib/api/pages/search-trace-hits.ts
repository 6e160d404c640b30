import { summarizeTrace } from '@/lib/traces/summarize-trace';
import type { TraceHit } from './trace-hit';
import type { TraceQuery } from '@/lib/model/trace-query';
import { searchTraces } from '@/lib/traces/search-traces';

export type SearchTraceHitsOptions = { query: TraceQuery };

/** The traces matching a search, newest first, summarized for the result list and the scatter plot. */
export const searchTraceHits = async ({ query }: SearchTraceHitsOptions): Promise<TraceHit[]> => {
  const traces = await searchTraces({ query });
  return traces.map((spans) => {
    const s = summarizeTrace(spans);
    return {
      traceId: s.traceId,
      rootServiceName: s.rootServiceName,
      rootOperationName: s.rootOperationName,
      startUs: Number(s.minStartNs / 1000n),
      durationUs: Number(s.durationNs) / 1000,
      spanCount: s.spanCount,
      errorSpanCount: s.errorSpanCount,
      services: s.services,
    };
  });
};
