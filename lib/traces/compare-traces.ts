import type { SpanRecord } from '@/lib/model/span-record';
import { pickTraceRoot } from '@/lib/model/pick-trace-root';
import { findSimilarTraceIds } from '@/lib/store/read/find-similar-trace-ids';
import { getTraces } from '@/lib/store/read/get-traces';
import { aggregateTracePaths, PathIndex } from './aggregate-trace-paths';
import { diffTracePaths, type PathDiff } from './diff-trace-paths';
import { medianTracePaths } from './median-trace-paths';

// Trace A against trace B, or against the typical trace of A's endpoint (the baseline): both
// folded onto their paths of service:operation and matched by path.

/** How many of the latest traces of the same root make the baseline. */
export const BASELINE_TRACES = 100;
/** The baseline stops adding traces past this many spans, so a few huge traces cannot exhaust memory (at least one trace is taken). */
export const BASELINE_SPAN_BUDGET = 200_000;

export type ComparedTrace = { traceId: string; rootService: string; rootOperation: string; durationNs: bigint; spanCount: number };
export type ComparedBaseline = { baseline: true; traceCount: number; rootService: string; rootOperation: string; durationNs: bigint };

export type TraceComparison =
  | { found: true; a: ComparedTrace; b: ComparedTrace | ComparedBaseline; nodes: PathDiff[] }
  /** which side is missing: a trace not stored, or a baseline with no other trace of that root */
  | { found: false; missing: 'a' | 'b' };

export type CompareTracesOptions = { a: string; b: string | 'baseline' };

const describe = (traceId: string, spans: SpanRecord[]): ComparedTrace => {
  const root = pickTraceRoot(spans).span;
  let start = spans[0].startNs;
  let end = spans[0].endNs;
  for (const s of spans) {
    if (s.startNs < start) start = s.startNs;
    if (s.endNs > end) end = s.endNs;
  }
  return { traceId, rootService: root.resource.serviceName, rootOperation: root.name, durationNs: end - start, spanCount: new Set(spans.map((s) => s.spanId)).size };
};

const lowerMedian = (values: bigint[]) => [...values].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))[Math.floor((values.length - 1) / 2)];

const baselineOf = async (a: ComparedTrace, index: PathIndex) => {
  const similar = await findSimilarTraceIds({ traceId: a.traceId, limit: BASELINE_TRACES });
  const ids: string[] = [];
  let spans = 0;
  for (const [i, id] of similar.traceIds.entries()) {
    if (ids.length > 0 && spans + similar.spanCounts[i] > BASELINE_SPAN_BUDGET) break;
    ids.push(id);
    spans += similar.spanCounts[i];
  }
  if (ids.length === 0) return undefined;
  const traces = [...(await getTraces({ traceIds: ids })).entries()];
  if (traces.length === 0) return undefined;
  const described = traces.map(([id, s]) => describe(id, s));
  const nodes = medianTracePaths(traces.map(([, s]) => aggregateTracePaths(s, index)));
  const baseline: ComparedBaseline = {
    baseline: true,
    traceCount: traces.length,
    rootService: a.rootService,
    rootOperation: a.rootOperation,
    durationNs: lowerMedian(described.map((d) => d.durationNs)),
  };
  return { baseline, nodes };
};

/** Compares two stored traces by path, or a trace with its baseline; ids are 32 lower-case hex. */
export const compareTraces = async ({ a, b }: CompareTracesOptions): Promise<TraceComparison> => {
  const loaded = await getTraces({ traceIds: b === 'baseline' || b === a ? [a] : [a, b] });
  const spansA = loaded.get(a);
  if (!spansA) return { found: false, missing: 'a' };
  const infoA = describe(a, spansA);
  const index = new PathIndex();
  const nodesA = aggregateTracePaths(spansA, index);
  if (b === 'baseline') {
    const base = await baselineOf(infoA, index);
    if (!base) return { found: false, missing: 'b' };
    return { found: true, a: infoA, b: base.baseline, nodes: diffTracePaths(nodesA, base.nodes, index) };
  }
  const spansB = loaded.get(b);
  if (!spansB) return { found: false, missing: 'b' };
  return { found: true, a: infoA, b: describe(b, spansB), nodes: diffTracePaths(nodesA, aggregateTracePaths(spansB, index), index) };
};
