import type { SpanRecord } from '@/lib/model/span-record';

// One trace folded onto its paths of "service:operation" from the root, the unit a comparison
// matches on: two traces of the same endpoint rarely share span ids, but they do share the shape
// of their calls. Every span with the same path counts into one node (siblings repeating a call,
// and the children of such siblings), with its count, total duration and self time.
//
// Self time here is the span's duration minus the union of its children's intervals clipped to
// the span, so concurrent children are not subtracted twice. (The trace page's statistics view
// computes the same quantity for its own table; this file keeps the comparison self-contained.)
//
// Paths are numbered by a PathIndex shared by the traces being compared, (parent path number,
// segment) → number, so no path is rebuilt or compared as a whole: a 100,000-deep chain costs
// linear time and memory until a path is spelled out for display.

export type PathSpan = Pick<SpanRecord, 'spanId' | 'parentSpanId' | 'name' | 'startNs' | 'endNs'> & { resource: { serviceName: string } };

export type PathNode = {
  /** the path's number in the PathIndex */
  id: number;
  count: number;
  totalNs: bigint;
  selfNs: bigint;
};

/** Numbers paths: the same path gets the same number in every trace aggregated with this index. */
export class PathIndex {
  private readonly ids = new Map<string, number>();
  private readonly parents: number[] = [];
  private readonly segments: string[] = [];

  /** The number of the path `parent` (-1 for none) + `segment`. */
  idOf(parent: number, segment: string): number {
    const key = `${parent}\u001f${segment}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.segments.length;
      this.ids.set(key, id);
      this.parents.push(parent);
      this.segments.push(segment);
    }
    return id;
  }

  /** The path spelled out, root first. */
  pathOf(id: number): string[] {
    const path: string[] = [];
    for (let at = id; at >= 0; at = this.parents[at]) path.push(this.segments[at]);
    return path.reverse();
  }

  /** The number of a path given as segments, or undefined when no aggregated trace has it. */
  find(path: readonly string[]): number | undefined {
    let at = -1;
    for (const segment of path) {
      const id = this.ids.get(`${at}\u001f${segment}`);
      if (id === undefined) return undefined;
      at = id;
    }
    return at < 0 ? undefined : at;
  }
}

const segmentOf = (span: PathSpan) => `${span.resource.serviceName}:${span.name}`;

const byStart = (x: [bigint, bigint], y: [bigint, bigint]) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);

/** Duration minus the union of the children's intervals, each clipped to the span. */
const selfTimeOf = (span: PathSpan, children: readonly PathSpan[] | undefined): bigint => {
  const duration = span.endNs > span.startNs ? span.endNs - span.startNs : 0n;
  if (!children || children.length === 0) return duration;
  const intervals: [bigint, bigint][] = [];
  for (const c of children) {
    const s = c.startNs > span.startNs ? c.startNs : span.startNs;
    const e = c.endNs < span.endNs ? c.endNs : span.endNs;
    if (e > s) intervals.push([s, e]);
  }
  intervals.sort(byStart);
  let covered = 0n;
  let open: [bigint, bigint] | undefined;
  for (const iv of intervals) {
    if (open && iv[0] <= open[1]) {
      if (iv[1] > open[1]) open[1] = iv[1];
    } else {
      if (open) covered += open[1] - open[0];
      open = [iv[0], iv[1]];
    }
  }
  if (open) covered += open[1] - open[0];
  return duration - covered;
};

/**
 * The path nodes of one trace, keyed by path number. Roots are spans without a parent and spans
 * whose parent is not in the trace; spans caught in a parent cycle start a path of their own at
 * the earliest of them, so every span counts exactly once. The first copy of a span id wins.
 */
export const aggregateTracePaths = (spans: readonly PathSpan[], index: PathIndex): Map<number, PathNode> => {
  const byId = new Map<string, PathSpan>();
  for (const s of spans) if (!byId.has(s.spanId)) byId.set(s.spanId, s);
  const children = new Map<string, PathSpan[]>();
  const roots: PathSpan[] = [];
  for (const s of byId.values()) {
    const parent = s.parentSpanId && s.parentSpanId !== s.spanId ? byId.get(s.parentSpanId) : undefined;
    if (parent) {
      const list = children.get(parent.spanId);
      if (list) list.push(s);
      else children.set(parent.spanId, [s]);
    } else roots.push(s);
  }

  const nodes = new Map<number, PathNode>();
  const placed = new Set<string>();
  const walk = (top: PathSpan) => {
    // iterative: a 100,000-deep chain must not overflow the stack
    const stack: [PathSpan, number][] = [[top, -1]];
    while (stack.length > 0) {
      const [span, parentPath] = stack.pop()!;
      if (placed.has(span.spanId)) continue;
      placed.add(span.spanId);
      const id = index.idOf(parentPath, segmentOf(span));
      // a child already placed is where a parent cycle was broken: it is not below this span
      const kids = children.get(span.spanId)?.filter((k) => !placed.has(k.spanId));
      const duration = span.endNs > span.startNs ? span.endNs - span.startNs : 0n;
      const self = selfTimeOf(span, kids);
      const node = nodes.get(id);
      if (node) {
        node.count++;
        node.totalNs += duration;
        node.selfNs += self;
      } else nodes.set(id, { id, count: 1, totalNs: duration, selfNs: self });
      if (kids) for (const k of kids) stack.push([k, id]);
    }
  };
  for (const r of roots) walk(r);
  const rest = [...byId.values()].filter((s) => !placed.has(s.spanId)).sort((x, y) => (x.startNs < y.startNs ? -1 : x.startNs > y.startNs ? 1 : 0));
  for (const s of rest) walk(s);
  return nodes;
};
