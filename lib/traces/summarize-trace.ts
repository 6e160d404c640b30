import { StatusCode, type SpanRecord } from '@/lib/model/span-record';

export type ServiceSummary = { name: string; spanCount: number; errorSpanCount: number };

/** Everything a result list needs about one trace, in exact units (bigint ns). */
export type TraceSummaryDetail = {
  traceId: string;
  rootSpanId: string;
  rootServiceName: string;
  rootOperationName: string;
  minStartNs: bigint;
  maxEndNs: bigint;
  /** maxEndNs − minStartNs: the whole trace, not just the root span */
  durationNs: bigint;
  spanCount: number;
  errorSpanCount: number;
  /** spans whose parent id is not in the trace */
  orphanSpanCount: number;
  /** levels of the span tree; a lone root is depth 1. Orphans start their own trees. */
  depth: number;
  /** by name */
  services: ServiceSummary[];
};

const isEarlier = (a: SpanRecord, b: SpanRecord): boolean =>
  a.startNs < b.startNs || (a.startNs === b.startNs && a.spanId < b.spanId);

// Breadth-first from every span without a parent in the trace; spans caught in a parent cycle
// are never reached and do not count (a cycle has no well-defined depth).
const treeDepth = (spans: SpanRecord[], ids: Set<string>): number => {
  const children = new Map<string, SpanRecord[]>();
  let level = spans.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId));
  for (const span of spans) {
    if (span.parentSpanId && ids.has(span.parentSpanId)) {
      const siblings = children.get(span.parentSpanId);
      if (siblings) siblings.push(span);
      else children.set(span.parentSpanId, [span]);
    }
  }
  const seen = new Set<string>();
  let depth = 0;
  while (level.length > 0) {
    depth++;
    const next: SpanRecord[] = [];
    for (const span of level) {
      if (seen.has(span.spanId)) continue; // a repeated span id must not loop
      seen.add(span.spanId);
      next.push(...(children.get(span.spanId) ?? []));
    }
    level = next.filter((s) => !seen.has(s.spanId));
  }
  return depth;
};

/**
 * Summarizes the spans of one trace. The root is the earliest span without a parent; when every
 * span has one (the root not yet arrived, or lost), the earliest span stands in.
 */
export const summarizeTrace = (spans: SpanRecord[]): TraceSummaryDetail => {
  if (spans.length === 0) throw new RangeError('summarizeTrace needs at least one span');

  const ids = new Set(spans.map((s) => s.spanId));
  let root: SpanRecord | undefined;
  let earliest = spans[0];
  let minStartNs = spans[0].startNs;
  let maxEndNs = spans[0].endNs;
  let errorSpanCount = 0;
  let orphanSpanCount = 0;
  const services = new Map<string, ServiceSummary>();

  for (const span of spans) {
    if (isEarlier(span, earliest)) earliest = span;
    if (!span.parentSpanId && (root === undefined || isEarlier(span, root))) root = span;
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
  root ??= earliest;

  return {
    traceId: root.traceId,
    rootSpanId: root.spanId,
    rootServiceName: root.resource.serviceName,
    rootOperationName: root.name,
    minStartNs,
    maxEndNs,
    durationNs: maxEndNs - minStartNs,
    spanCount: spans.length,
    errorSpanCount,
    orphanSpanCount,
    depth: treeDepth(spans, ids),
    services: [...services.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
};
