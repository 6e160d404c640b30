import type { SpanRecord } from '@/lib/model/span-record';
import { summarizeTrace, type ServiceSummary } from '@/lib/traces/summarize-trace';

/**
 * One item of api_v3 `/api/v3/trace-summaries` (anchors.md §2.4). Only the two *UnixNano fields
 * are strings (they exceed 2^53); the counts are JSON numbers, as jaeger-ui's Zod schema checks.
 */
export type TraceSummary = {
  traceId: string;
  rootServiceName: string;
  rootOperationName: string;
  minStartTimeUnixNano: string;
  maxEndTimeUnixNano: string;
  spanCount: number;
  errorSpanCount: number;
  orphanSpanCount: number;
  services: ServiceSummary[];
};

/** Summarizes one trace's spans in the api_v3 trace-summaries shape. */
export const toTraceSummary = (spans: SpanRecord[]): TraceSummary => {
  const s = summarizeTrace(spans);
  return {
    traceId: s.traceId,
    rootServiceName: s.rootServiceName,
    rootOperationName: s.rootOperationName,
    minStartTimeUnixNano: s.minStartNs.toString(),
    maxEndTimeUnixNano: s.maxEndNs.toString(),
    spanCount: s.spanCount,
    errorSpanCount: s.errorSpanCount,
    orphanSpanCount: s.orphanSpanCount,
    services: s.services,
  };
};
