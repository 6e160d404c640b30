import type { PathIndex, PathNode } from './aggregate-trace-paths';

// Two traces' path nodes (./aggregate-trace-paths.ts) side by side: nodes only in A, only in B,
// and in both, the biggest change of total duration first, so "what got slower" is on top.

export type PathDiff = { path: string[]; a: PathNode | null; b: PathNode | null };

const abs = (n: bigint) => (n < 0n ? -n : n);

/** Every path of either side (numbered by the same index), by |B total − A total| descending, then in order of first appearance. */
export const diffTracePaths = (a: ReadonlyMap<number, PathNode>, b: ReadonlyMap<number, PathNode>, index: PathIndex): PathDiff[] => {
  const ids = new Set([...a.keys(), ...b.keys()]);
  const rows = [...ids].map((id) => {
    const na = a.get(id) ?? null;
    const nb = b.get(id) ?? null;
    return { id, change: abs((nb?.totalNs ?? 0n) - (na?.totalNs ?? 0n)), na, nb };
  });
  rows.sort((x, y) => (x.change > y.change ? -1 : x.change < y.change ? 1 : x.id - y.id));
  return rows.map((r) => ({ path: index.pathOf(r.id), a: r.na, b: r.nb }));
};
