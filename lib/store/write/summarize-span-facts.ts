import { isPreferredCopy, oneSpanOfEachId } from '@/lib/model/duplicate-spans';
import { SpanKind, StatusCode } from '@/lib/model/span-record';
import { pickTraceRoot, type RootRule } from '@/lib/model/pick-trace-root';

// The per-trace summary row (table trace_summaries) computed from the few facts of each span the
// writer knows. Pure, so the writer's upkeep and its tests share it.

/** What the summary needs of one span: ids in lower-case hex ('' for no parent), times in unix ns. */
export type SpanFacts = {
  spanId: string;
  parentSpanId: string;
  startNs: bigint;
  endNs: bigint;
  serviceId: number;
  operationId: number;
  statusCode: number;
  kind: number;
};

export type TraceSummaryRow = {
  traceId: string;
  /** the partition: UTC day of the batch that created the row; never changes */
  day: number;
  startNs: bigint;
  lastStartNs: bigint;
  endNs: bigint;
  spanCount: number;
  errorCount: number;
  entrySpanCount: number;
  orphanSpanCount: number;
  rootSpanId: string;
  rootStartNs: bigint;
  rootServiceId: number;
  rootOperationId: number;
  rootRule: RootRule;
  /** ascending; the two count arrays are parallel to it */
  serviceIds: number[];
  serviceSpanCounts: number[];
  serviceErrorCounts: number[];
  /**
   * The trace's calls between services, ordered by parent then child: a span whose parent span
   * belongs to another service is one call from the parent's service to the span's (the
   * dependency graph sums these). Parallel arrays.
   */
  callParentIds: number[];
  callChildIds: number[];
  callCounts: number[];
  /** false once counts could include repeats (see upkeep-trace-summaries.ts) */
  exact: boolean;
};

/** Calls (parent service id → child service id → count) as parallel arrays, ordered by parent then child. */
const callArrays = (calls: Map<number, Map<number, number>>) => {
  const callParentIds: number[] = [];
  const callChildIds: number[] = [];
  const callCounts: number[] = [];
  for (const parent of [...calls.keys()].sort((a, b) => a - b)) {
    const children = calls.get(parent)!;
    for (const child of [...children.keys()].sort((a, b) => a - b)) {
      callParentIds.push(parent);
      callChildIds.push(child);
      callCounts.push(children.get(child)!);
    }
  }
  return { callParentIds, callChildIds, callCounts };
};

const addCalls = (calls: Map<number, Map<number, number>>, parent: number, child: number, n: number) => {
  let children = calls.get(parent);
  if (!children) calls.set(parent, (children = new Map()));
  children.set(child, (children.get(child) ?? 0) + n);
};

const isEntry = (s: SpanFacts) => s.kind === SpanKind.SERVER || s.kind === SpanKind.CONSUMER || s.parentSpanId === '';

/**
 * One copy of each span id, the one the duplicate rule prefers, and both halves of a shared
 * client/server span, the server half under its own id (lib/model/duplicate-spans.ts), so the
 * counts, root and orphans agree with what a trace read shows.
 */
export const oneCopyOfEachSpan = (traceId: string, spans: readonly SpanFacts[]): SpanFacts[] =>
  oneSpanOfEachId(
    spans,
    (s) => ({ spanId: s.spanId, parentSpanId: s.parentSpanId, kind: s.kind, service: s.serviceId }),
    isPreferredCopy,
    (s, spanId, parentSpanId) => ({ ...s, spanId, parentSpanId }),
    traceId,
  );

/** The summary of a whole trace from its spans, each span id once. */
export const summarizeSpanFacts = (traceId: string, day: number, spans: readonly SpanFacts[]): TraceSummaryRow => {
  // the trace's span ids, each with its service (a parent in another service makes a call)
  const serviceOf = new Map<string, number>();
  for (const s of spans) serviceOf.set(s.spanId, s.serviceId);
  const { span: root, rule } = pickTraceRoot(spans, serviceOf);
  const calls = new Map<number, Map<number, number>>();
  let startNs = spans[0].startNs;
  let lastStartNs = startNs;
  let endNs = spans[0].endNs;
  let errorCount = 0;
  let entrySpanCount = 0;
  let orphanSpanCount = 0;
  const byService = new Map<number, { spans: number; errors: number }>();
  for (const s of spans) {
    if (s.startNs < startNs) startNs = s.startNs;
    if (s.startNs > lastStartNs) lastStartNs = s.startNs;
    if (s.endNs > endNs) endNs = s.endNs;
    const error = s.statusCode === StatusCode.ERROR;
    if (error) errorCount++;
    if (isEntry(s)) entrySpanCount++;
    if (s.parentSpanId !== '') {
      const parentService = serviceOf.get(s.parentSpanId);
      if (parentService === undefined) orphanSpanCount++;
      else if (parentService !== s.serviceId) addCalls(calls, parentService, s.serviceId, 1);
    }
    const counts = byService.get(s.serviceId) ?? { spans: 0, errors: 0 };
    counts.spans++;
    if (error) counts.errors++;
    byService.set(s.serviceId, counts);
  }
  const serviceIds = [...byService.keys()].sort((a, b) => a - b);
  return {
    traceId,
    day,
    startNs,
    lastStartNs,
    endNs,
    spanCount: spans.length,
    errorCount,
    entrySpanCount,
    orphanSpanCount,
    rootSpanId: root.spanId,
    rootStartNs: root.startNs,
    rootServiceId: root.serviceId,
    rootOperationId: root.operationId,
    rootRule: rule,
    serviceIds,
    serviceSpanCounts: serviceIds.map((id) => byService.get(id)!.spans),
    serviceErrorCounts: serviceIds.map((id) => byService.get(id)!.errors),
    ...callArrays(calls),
    exact: true,
  };
};

/**
 * A stored summary with more spans added when the trace's stored spans are not read back (a
 * trace too large for the duplicate check): counts add up, so a repeat would count twice, and the
 * root can only move to an earlier span without a parent (rule 1) or an earlier span (rule 3).
 */
export const addToSummary = (row: TraceSummaryRow, added: TraceSummaryRow): TraceSummaryRow => {
  const services = new Map<number, { spans: number; errors: number }>();
  for (const r of [row, added]) {
    r.serviceIds.forEach((id, i) => {
      const c = services.get(id) ?? { spans: 0, errors: 0 };
      c.spans += r.serviceSpanCounts[i];
      c.errors += r.serviceErrorCounts[i];
      services.set(id, c);
    });
  }
  const serviceIds = [...services.keys()].sort((a, b) => a - b);
  // calls add up too: one whose parent span came in an earlier batch is not seen (the stored
  // spans are not read back), so the graph may miss some calls of such a trace
  const calls = new Map<number, Map<number, number>>();
  for (const r of [row, added]) r.callParentIds.forEach((parent, i) => addCalls(calls, parent, r.callChildIds[i], r.callCounts[i]));
  const takeAdded =
    (added.rootRule === 1 && (row.rootRule !== 1 || added.rootStartNs < row.rootStartNs)) ||
    (row.rootRule !== 1 && added.rootStartNs < row.rootStartNs);
  const root = takeAdded ? added : row;
  return {
    ...row,
    startNs: added.startNs < row.startNs ? added.startNs : row.startNs,
    lastStartNs: added.lastStartNs > row.lastStartNs ? added.lastStartNs : row.lastStartNs,
    endNs: added.endNs > row.endNs ? added.endNs : row.endNs,
    spanCount: row.spanCount + added.spanCount,
    errorCount: row.errorCount + added.errorCount,
    entrySpanCount: row.entrySpanCount + added.entrySpanCount,
    orphanSpanCount: row.orphanSpanCount + added.orphanSpanCount,
    rootSpanId: root.rootSpanId,
    rootStartNs: root.rootStartNs,
    rootServiceId: root.rootServiceId,
    rootOperationId: root.rootOperationId,
    rootRule: root.rootRule === 1 ? 1 : 3,
    serviceIds,
    serviceSpanCounts: serviceIds.map((id) => services.get(id)!.spans),
    serviceErrorCounts: serviceIds.map((id) => services.get(id)!.errors),
    ...callArrays(calls),
    exact: false,
  };
};
