import type { SpanTree, TreeSpan } from './span-tree';

// Self time: the part of a span during which none of its children runs. A span's duration minus
// the union of its children's intervals, each clipped to the span, so two concurrent children are
// not subtracted twice and a child that outlives its parent only counts while the parent runs.
// This is what jaeger-ui's Trace Statistics calls "self time".

/** Self time (ns) of every span of `tree`, by index in `tree.spans`. */
export const computeSelfTimes = <S extends TreeSpan>(tree: SpanTree<S>): bigint[] => {
  const { spans, children } = tree;
  const out: bigint[] = new Array(spans.length);
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i].startNs;
    const e = spans[i].endNs;
    const duration = e > s ? e - s : 0n;
    let covered = 0n;
    // children are by start time, so one sweep merges their clipped intervals
    let runStart = 0n;
    let runEnd = 0n;
    let open = false;
    for (const c of children[i]) {
      const cs = spans[c].startNs > s ? spans[c].startNs : s;
      const ce = spans[c].endNs < e ? spans[c].endNs : e;
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
    out[i] = duration - covered;
  }
  return out;
};
