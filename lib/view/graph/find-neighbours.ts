import type { DependencyEdge } from '@/lib/view/layout-dependency-graph';

/** The services one call away from `name` either way, and `name` itself: what hovering or focusing a node lights up. */
export const findNeighbours = (edges: readonly DependencyEdge[], name: string): Set<string> => {
  const out = new Set([name]);
  for (const e of edges) {
    if (e.parent === name) out.add(e.child);
    if (e.child === name) out.add(e.parent);
  }
  return out;
};
