// A layered layout for the service dependency graph, readable without a graph library:
// callers to the left, callees to the right. Each service's column is its longest call path
// from a service nobody calls; edges that close a cycle (found by DFS) are ignored for layering
// and drawn as back edges. Within a column, services are ordered by the mean row of their
// callers (one barycentre pass), which removes most crossings in service graphs.

export type DependencyEdge = { parent: string; child: string; callCount: number };
export type LayoutNode = { name: string; column: number; row: number };
export type LayoutEdge = DependencyEdge & { back: boolean };
export type GraphLayout = { nodes: LayoutNode[]; edges: LayoutEdge[]; columns: number; rows: number };

const backEdges = (names: string[], out: Map<string, string[]>): Set<string> => {
  const state = new Map<string, 'open' | 'done'>();
  const back = new Set<string>();
  const visit = (n: string) => {
    state.set(n, 'open');
    for (const c of out.get(n) ?? []) {
      if (state.get(c) === 'open') back.add(`${n}\u0000${c}`);
      else if (!state.has(c)) visit(c);
    }
    state.set(n, 'done');
  };
  for (const n of names) if (!state.has(n)) visit(n);
  return back;
};

/** Places every service of the edges in a column (call depth) and a row; deterministic for the same input. */
export const layoutDependencyGraph = (edges: readonly DependencyEdge[]): GraphLayout => {
  const names = [...new Set(edges.flatMap((e) => [e.parent, e.child]))].sort();
  const out = new Map<string, string[]>();
  for (const e of edges) if (e.parent !== e.child) out.set(e.parent, [...(out.get(e.parent) ?? []), e.child]);
  const back = backEdges(names, out);
  const forward = edges.filter((e) => e.parent !== e.child && !back.has(`${e.parent}\u0000${e.child}`));

  // longest path: relax forward edges until stable (a DAG now, so at most |names| rounds)
  const column = new Map(names.map((n) => [n, 0]));
  for (let changed = true, rounds = 0; changed && rounds <= names.length; rounds++) {
    changed = false;
    for (const e of forward) {
      if (column.get(e.child)! < column.get(e.parent)! + 1) {
        column.set(e.child, column.get(e.parent)! + 1);
        changed = true;
      }
    }
  }

  const columns = Math.max(0, ...column.values()) + 1;
  const row = new Map<string, number>();
  let rows = 0;
  for (let c = 0; c < columns; c++) {
    const inColumn = names.filter((n) => column.get(n) === c);
    const weight = (n: string) => {
      const callers = forward.filter((e) => e.child === n && row.has(e.parent)).map((e) => row.get(e.parent)!);
      return callers.length === 0 ? Number.POSITIVE_INFINITY : callers.reduce((a, b) => a + b, 0) / callers.length;
    };
    inColumn.sort((a, b) => weight(a) - weight(b) || (a < b ? -1 : 1)).forEach((n, i) => row.set(n, i));
    rows = Math.max(rows, inColumn.length);
  }

  return {
    nodes: names.map((name) => ({ name, column: column.get(name)!, row: row.get(name)! })),
    edges: edges.map((e) => ({ ...e, back: e.parent === e.child || back.has(`${e.parent}\u0000${e.child}`) })),
    columns,
    rows,
  };
};
