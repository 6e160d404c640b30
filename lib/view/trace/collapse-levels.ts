import type { TraceSpan } from './trace-model';

// Collapse/expand by level, as jaeger-ui's "collapse one / expand one" buttons: they act on the
// rows currently visible, so repeated presses walk the tree one level at a time. Each returns a
// new set; the input is never mutated.

/** Every span with children collapsed: only the roots stay visible. */
export const collapseAll = (spans: readonly TraceSpan[]): Set<string> =>
  new Set(spans.filter((s) => s.children.length > 0).map((s) => s.spanId));

/** Collapses the deepest visible parents that are still open. */
export const collapseOneLevel = (rows: readonly TraceSpan[], collapsed: ReadonlySet<string>): Set<string> => {
  const open = rows.filter((s) => s.children.length > 0 && !collapsed.has(s.spanId));
  if (open.length === 0) return new Set(collapsed);
  const depth = Math.max(...open.map((s) => s.depth));
  const next = new Set(collapsed);
  for (const s of open) if (s.depth === depth) next.add(s.spanId);
  return next;
};

/** Expands the shallowest visible collapsed spans. */
export const expandOneLevel = (rows: readonly TraceSpan[], collapsed: ReadonlySet<string>): Set<string> => {
  const shut = rows.filter((s) => collapsed.has(s.spanId));
  if (shut.length === 0) return new Set(collapsed);
  const depth = Math.min(...shut.map((s) => s.depth));
  const next = new Set(collapsed);
  for (const s of shut) if (s.depth === depth) next.delete(s.spanId);
  return next;
};

/** Removes the span's ancestors from the collapsed set, so the span becomes a visible row. */
export const revealSpan = (spans: readonly TraceSpan[], span: TraceSpan, collapsed: ReadonlySet<string>): ReadonlySet<string> => {
  let next: Set<string> | undefined;
  for (let p = span.parentIndex; p >= 0; p = spans[p].parentIndex) {
    if (collapsed.has(spans[p].spanId)) (next ??= new Set(collapsed)).delete(spans[p].spanId);
  }
  return next ?? collapsed;
};
