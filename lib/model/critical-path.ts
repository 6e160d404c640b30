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

export type CriticalSection = { spanId: string; startNs: bigint; endNs: bigint };

const isBlocking = (childKind: number, parentKind: number) => !(parentKind === SpanKind.PRODUCER && childKind === SpanKind.CONSUMER);

/** The critical path's sections, ordered as the walk produces them: per root (by start), from its end backwards. */
export const computeCriticalPath = (input: readonly TreeSpan[]): CriticalSection[] => {
  const { spans, parent, children, roots } = buildSpanTree(input);
  const n = spans.length;
  const start: bigint[] = new Array(n);
  const end: bigint[] = new Array(n);
  // children kept after steps 1-2, sorted by end ascending; among equal ends, later start first,
  // so the last candidate below a bound is the one jaeger-ui's scan would keep
  const kept: number[][] = new Array(n);
  const pointer = new Int32Array(n);
  const sections: CriticalSection[] = [];

  for (const root of roots) {
    start[root] = spans[root].startNs;
    end[root] = spans[root].endNs;
    // fit top down, pre-order, so each child is fitted against its fitted parent
    const stack = [root];
    while (stack.length > 0) {
      const p = stack.pop()!;
      const ps = start[p];
      const pe = end[p];
      const order: number[] = [];
      for (const c of children[p]) {
        if (!isBlocking(spans[c].kind, spans[p].kind)) continue;
        let cs = spans[c].startNs;
        let ce = spans[c].endNs;
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
        order.push(c);
        stack.push(c);
      }
      // `order` is by start (stable); reverse it so that, sorted stably by end, ties put later starts first
      order.reverse();
      order.sort((a, b) => (end[a] < end[b] ? -1 : end[a] > end[b] ? 1 : 0));
      kept[p] = order;
      pointer[p] = order.length - 1;
    }

    // the walk
    let span = root;
    let bound: bigint | undefined;
    for (;;) {
      const candidates = kept[span];
      let at = pointer[span];
      if (bound !== undefined) while (at >= 0 && end[candidates[at]] >= bound) at--;
      const sectionEnd = bound ?? end[span];
      if (at >= 0) {
        const child = candidates[at];
        pointer[span] = at - 1;
        if (end[child] !== sectionEnd) sections.push({ spanId: spans[span].spanId, startNs: end[child], endNs: sectionEnd });
        span = child;
        bound = undefined;
      } else {
        pointer[span] = -1;
        if (start[span] !== sectionEnd) sections.push({ spanId: spans[span].spanId, startNs: start[span], endNs: sectionEnd });
        if (span === root) break;
        bound = start[span];
        span = parent[span];
      }
    }
  }
  return sections;
};
