import type { SpanRecord } from '@/lib/model/span-record';
import type { TraceQuery } from '@/lib/model/trace-query';
import { searchTraces } from '@/lib/traces/search-traces';
import { summarizeTrace } from '@/lib/traces/summarize-trace';
import type { TraceHit } from './trace-hit';

export type SearchTraceHitsOptions = { query: TraceQuery };

const toTraceHit = (spans: SpanRecord[]): TraceHit => {
  const { minStartNs, maxEndNs, orphanSpanCount: _notShown, ...summary } = summarizeTrace(spans);
  return { ...summary, startUs: Number(minStartNs / 1000n), durationUs: Number(maxEndNs - minStartNs) / 1000 };
};

/** The traces matching a search, newest first, summarized for the result list and the scatter plot. */
export const searchTraceHits = async ({ query }: SearchTraceHitsOptions): Promise<TraceHit[]> =>
  (await searchTraces({ query })).map(toTraceHit);
