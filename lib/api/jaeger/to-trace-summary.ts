import type { SpanRecord } from '@/lib/model/span-record';
import { summarizeTrace, type TraceSummaryDetail } from '@/lib/traces/summarize-trace';

/**
 * One item of api_v3 `/api/v3/trace-summaries` (Jaeger ≥ 2.19). Only the two *UnixNano fields
 * are strings (they exceed 2^53); the counts are JSON numbers, as jaeger-ui's Zod schema checks.
 */
export type TraceSummary = Omit<TraceSummaryDetail, 'minStartNs' | 'maxEndNs'> & {
  minStartTimeUnixNano: string;
  maxEndTimeUnixNano: string;
};

/** A trace summary in the api_v3 trace-summaries shape. */
export const toApiTraceSummary = ({ minStartNs, maxEndNs, ...summary }: TraceSummaryDetail): TraceSummary => ({
  ...summary,
  minStartTimeUnixNano: minStartNs.toString(),
  maxEndTimeUnixNano: maxEndNs.toString(),
});

/** Summarizes one trace's spans in the api_v3 trace-summaries shape. */
export const toTraceSummary = (spans: SpanRecord[]): TraceSummary => toApiTraceSummary(summarizeTrace(spans));
