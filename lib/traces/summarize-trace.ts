import { pickTraceRoot } from '@/lib/model/pick-trace-root';
import { byServiceName } from '@/lib/model/service-order';
import { StatusCode, type SpanRecord } from '@/lib/model/span-record';

export type ServiceSummary = { name: string; spanCount: number; errorSpanCount: number };

/**
 * The one summary of a trace, in exact units (bigint ns). The api_v3 TraceSummary and the search
 * page's TraceHit are projections of it that differ only in how they write the times.
 */
export type TraceSummaryDetail = {
  traceId: string;
  rootServiceName: string;
  rootOperationName: string;
  spanCount: number;
  errorSpanCount: number;
  /** spans whose parent id is not in the trace */
  orphanSpanCount: number;
  /** in service-order.ts's order */
  services: ServiceSummary[];
  minStartNs: bigint;
  maxEndNs: bigint;
};

/**
 * Summarizes the spans of one trace (each span id once). The root is chosen as the stored
 * summaries choose it (pick-trace-root.ts), so a trace reads the same from either.
 */
export const summarizeTrace = (spans: SpanRecord[]): TraceSummaryDetail => {
  if (spans.length === 0) throw new RangeError('summarizeTrace needs at least one span');

  const ids = new Set(spans.map((s) => s.spanId));
  const { span: root } = pickTraceRoot(spans, ids);
  let minStartNs = spans[0].startNs;
  let maxEndNs = spans[0].endNs;
  let errorSpanCount = 0;
  let orphanSpanCount = 0;
  const services = new Map<string, ServiceSummary>();

  for (const span of spans) {
    if (span.parentSpanId && !ids.has(span.parentSpanId)) orphanSpanCount++;
    if (span.startNs < minStartNs) minStartNs = span.startNs;
    if (span.endNs > maxEndNs) maxEndNs = span.endNs;

    const isError = span.statusCode === StatusCode.ERROR;
    if (isError) errorSpanCount++;
    const name = span.resource.serviceName;
    const service = services.get(name) ?? { name, spanCount: 0, errorSpanCount: 0 };
    service.spanCount++;
    if (isError) service.errorSpanCount++;
    services.set(name, service);
  }

  return {
    traceId: root.traceId,
    rootServiceName: root.resource.serviceName,
    rootOperationName: root.name,
    spanCount: spans.length,
    errorSpanCount,
    orphanSpanCount,
    services: [...services.values()].sort(byServiceName),
    minStartNs,
    maxEndNs,
  };
};
