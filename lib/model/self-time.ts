import type { SpanTree, TreeSpan } from './span-tree';

// Self time: the part of a span during which none of its children runs. A span's duration minus
// the union of its children's intervals, each clipped to the span, so two concurrent children are
// not subtracted twice and a child that outlives its parent only counts while the parent runs.
// This is what jaeger-ui's Trace Statistics calls "self time".

/** Self time (ns) of every span of `tree`, by index in `tree.spans`. */
export const computeSelfTimes = <S extends TreeSpan>(tree: SpanTree<S>): Float64Array => {
  const { spans, start, end, childOffset, childList } = tree;
  const out = new Float64Array(spans.length);
  for (let i = 0; i < spans.length; i++) {
    const s = start[i];
    const e = end[i];
    let covered = 0;
    // children are by start time, so one sweep merges their clipped intervals
    let runStart = 0;
    let runEnd = 0;
    let open = false;
    for (let k = childOffset[i]; k < childOffset[i + 1]; k++) {
      const c = childList[k];
      const cs = start[c] > s ? start[c] : s;
      const ce = end[c] < e ? end[c] : e;
      if (ce <= cs) continue;
      if (open && cs <= runEnd) {
        if (ce > runEnd) runEnd = ce;
      } else {
        if (open) covered += runEnd - runStart;
        runStart = cs;
        runEnd = ce;
        open = true;
      }
    }
    if (open) covered += runEnd - runStart;
    out[i] = (e > s ? e - s : 0) - covered;
  }
  return out;
};
