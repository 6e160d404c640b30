import { SpanKind } from './span-record';
import { buildSpanTree, type TreeSpan } from './span-tree';

// The critical path of a trace, computed the way jaeger-ui computes it
// (packages/jaeger-ui/src/components/TracePage/CriticalPath), so a user sees the same answer:
//
// 1. Per root, the tree is cut to the children that block their parent: a CONSUMER under a
//    PRODUCER does not (jaeger-ui's isBlockingSpan), and is left out with its subtree.
// 2. Children are fitted to their (already fitted) parent, top down: a child that starts at or
//    after its parent's end, or ends at or before its parent's start, is dropped with its
//    subtree; one that overflows is clipped to the parent.
// 3. The walk starts at the root's end. At a span, the last-finishing child (the child with the
//    latest end, before the point the walk came back at) is next: the span is critical from that
//    child's end to the current point, and the walk goes into the child from its end. A span with
//    no such child is critical back to its start, and the walk returns to its parent at that
//    start. Empty sections are not reported. Ties between children ending together go to the
//    earliest-starting one (jaeger-ui scans children by start and keeps the first maximum).
//
// Two departures, both where jaeger-ui has no answer rather than a different one: jaeger-ui's
// recursion is a loop here (a 100,000-deep trace must not overflow the stack), and a root whose
// parent is missing gets its own path (jaeger-ui drops that whole subtree while fitting, since
// the parent it fits against is absent). Its `if (returningChildStartTime)` test would also
// treat a time of 0 as "no time"; here only an absent time is.
//
// Cost: jaeger-ui scans all children at every return to a span, which is quadratic for a span
// with many sequential children. Here each span's children are sorted once by end, and since the
// times the walk comes back at only decrease, a pointer per span moves down that list: O(n log n).
// Times are float64 ns from the trace start (./span-tree.ts): exact for any trace shorter than
// 104 days, and only the far spans of a longer one lose nanoseconds.

export type CriticalSection = { spanId: string; startNs: bigint; endNs: bigint };

const isBlocking = (childKind: number, parentKind: number) => !(parentKind === SpanKind.PRODUCER && childKind === SpanKind.CONSUMER);

/** The critical path's sections, ordered as the walk produces them: per root (by start), from its end backwards. */
export const computeCriticalPath = (input: readonly TreeSpan[]): CriticalSection[] => {
  const tree = buildSpanTree(input);
  const { spans, parent, childOffset, childList, roots, originNs } = tree;
  const n = spans.length;
  // fitted times (step 2), and the original start, which orders children as jaeger-ui does
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const rawStart = tree.start;
  // per span, its children kept after steps 1-2, in childList's slots: kept[childOffset[i] ..),
  // sorted by end ascending; among equal ends, the later in child order first, so that the last
  // candidate below a bound is the one jaeger-ui's scan (first maximum by start order) would keep
  const kept = new Int32Array(childList.length);
  /** per span, the last kept child not yet passed by the walk (an index from childOffset[i]) */
  const pointer = new Int32Array(n);
  const byEnd = (a: number, b: number) => end[a] - end[b] || rawStart[b] - rawStart[a] || b - a;
  const sections: CriticalSection[] = [];
  const section = (span: number, from: number, to: number) =>
    sections.push({ spanId: spans[span].spanId, startNs: originNs + BigInt(from), endNs: originNs + BigInt(to) });
  const stack: number[] = [];

  for (const root of roots) {
    start[root] = tree.start[root];
    end[root] = tree.end[root];
    // fit top down, pre-order, so each child is fitted against its fitted parent
    stack.push(root);
    while (stack.length > 0) {
      const p = stack.pop()!;
      const ps = start[p];
      const pe = end[p];
      const base = childOffset[p];
      let count = 0;
      for (let k = base; k < childOffset[p + 1]; k++) {
        const c = childList[k];
        if (!isBlocking(spans[c].kind, spans[p].kind)) continue;
        let cs = tree.start[c];
        let ce = tree.end[c];
        if (cs >= ps) {
          if (cs >= pe) continue;
          if (ce > pe) ce = pe;
        } else {
          if (ce <= ps) continue;
          cs = ps;
          if (ce > pe) ce = pe;
        }
        start[c] = cs;
        end[c] = ce;
        kept[base + count++] = c;
        stack.push(c);
      }
      if (count > 1) kept.subarray(base, base + count).sort(byEnd);
      pointer[p] = count - 1;
    }

    // the walk
    let span = root;
    let bound = Number.NaN; // NaN: the walk came down into `span`, not back from a child
    for (;;) {
      const base = childOffset[span];
      let at = pointer[span];
      const returning = !Number.isNaN(bound);
      if (returning) while (at >= 0 && end[kept[base + at]] >= bound) at--;
      const sectionEnd = returning ? bound : end[span];
      if (at >= 0) {
        const child = kept[base + at];
        pointer[span] = at - 1;
        if (end[child] !== sectionEnd) section(span, end[child], sectionEnd);
        span = child;
        bound = Number.NaN;
      } else {
        pointer[span] = -1;
        if (start[span] !== sectionEnd) section(span, start[span], sectionEnd);
        if (span === root) break;
        bound = start[span];
        span = parent[span];
      }
    }
  }
  return sections;
};
