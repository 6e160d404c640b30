import type { TraceSpan } from './trace-model';

/**
 * The spans shown as timeline rows, in order.
 * Assumes `spans` is in pre-order DFS order with depths, as produced by buildTrace(). Collapsing a
 * span hides the spans that follow it and are deeper than it; one linear pass. With `keep`, only
 * those spans are shown (e.g. the critical path and its ancestors); it must hold each kept span's
 * ancestors, so the rows still form a tree.
 */
export const generateRows = (spans: readonly TraceSpan[], collapsedIds: ReadonlySet<string>, keep?: ReadonlySet<string>): TraceSpan[] => {
  if (collapsedIds.size === 0 && !keep) return spans as TraceSpan[];
  const rows: TraceSpan[] = [];
  let hideDeeperThan = Infinity;
  for (const span of spans) {
    if (span.depth > hideDeeperThan) continue;
    hideDeeperThan = Infinity;
    if (keep && !keep.has(span.spanId)) {
      hideDeeperThan = span.depth;
      continue;
    }
    rows.push(span);
    if (collapsedIds.has(span.spanId) && span.children.length > 0) hideDeeperThan = span.depth;
  }
  return rows;
};
