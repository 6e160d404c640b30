import type { PathNode } from './aggregate-trace-paths';

// The typical trace of an endpoint, node by node: for each path, the median count, total and
// self time over a set of traces, a trace without the path counting as zero. A path present in
// fewer than half of the traces has a median count of 0 and is left out: it is not typical.
// The median of an even number of values is the lower middle one, a value some trace really had.

const lowerMedian = (values: bigint[]): bigint => {
  values.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return values[Math.floor((values.length - 1) / 2)];
};

/** The per-node medians over `traces` (each from aggregateTracePaths with one shared PathIndex). */
export const medianTracePaths = (traces: readonly ReadonlyMap<number, PathNode>[]): Map<number, PathNode> => {
  const ids = new Set<number>();
  for (const t of traces) for (const id of t.keys()) ids.add(id);
  const out = new Map<number, PathNode>();
  for (const id of ids) {
    const count = lowerMedian(traces.map((t) => BigInt(t.get(id)?.count ?? 0)));
    if (count === 0n) continue;
    const totalNs = lowerMedian(traces.map((t) => t.get(id)?.totalNs ?? 0n));
    const selfNs = lowerMedian(traces.map((t) => t.get(id)?.selfNs ?? 0n));
    out.set(id, { id, count: Number(count), totalNs, selfNs });
  }
  return out;
};
