// The wire contract of GET /api/ui/compare?a=<id>&b=<id|baseline>: the two traces folded onto
// their paths of "service:operation" from the root and matched by path (lib/traces/compare-traces.ts).
// Nanoseconds are decimal strings (they pass 2^53).

/** One side of a node: how many spans share the path, their summed duration and self time. */
export type CompareSide = { count: number; totalNs: string; selfNs: string };

export type CompareNode = {
  /** "service:operation" from the root down */
  path: string[];
  /** null: the path is only in the other trace */
  a: CompareSide | null;
  b: CompareSide | null;
};

/** A compared trace: its id, root and size. */
export type CompareTrace = { traceId: string; rootService: string; rootOperation: string; durationNs: string; spanCount: number };

/** The typical trace: per node, the median over the latest traces with the same root service and operation. */
export type CompareBaseline = { baseline: true; traceCount: number; rootService: string; rootOperation: string; durationNs: string };

export type CompareAnswer = {
  a: CompareTrace;
  b: CompareTrace | CompareBaseline;
  /** the biggest change of total duration first; a node only on one side changes by its whole total */
  nodes: CompareNode[];
};
