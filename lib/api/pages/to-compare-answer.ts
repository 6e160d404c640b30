import type { ComparedBaseline, ComparedTrace } from '@/lib/traces/compare-traces';
import type { PathDiff } from '@/lib/traces/diff-trace-paths';
import type { PathNode } from '@/lib/traces/aggregate-trace-paths';
import type { CompareAnswer, CompareBaseline, CompareSide, CompareTrace } from './compare-answer';

// A comparison (lib/traces/compare-traces.ts) → its wire form (./compare-answer.ts): bigint
// nanoseconds become decimal strings.

const side = (n: PathNode | null): CompareSide | null => (n ? { count: n.count, totalNs: n.totalNs.toString(), selfNs: n.selfNs.toString() } : null);

const traceOf = (t: ComparedTrace | ComparedBaseline): CompareTrace | CompareBaseline =>
  'baseline' in t
    ? { baseline: true, traceCount: t.traceCount, rootService: t.rootService, rootOperation: t.rootOperation, durationNs: t.durationNs.toString() }
    : { traceId: t.traceId, rootService: t.rootService, rootOperation: t.rootOperation, durationNs: t.durationNs.toString(), spanCount: t.spanCount };

export const toCompareAnswer = (a: ComparedTrace, b: ComparedTrace | ComparedBaseline, nodes: PathDiff[]): CompareAnswer => ({
  a: traceOf(a) as CompareTrace,
  b: traceOf(b),
  nodes: nodes.map((n) => ({ path: n.path, a: side(n.a), b: side(n.b) })),
});
