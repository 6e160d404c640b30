import { describe, expect, it } from 'vitest';
import { layoutDependencyGraph } from './layout-dependency-graph';

const edge = (parent: string, child: string, callCount = 1) => ({ parent, child, callCount });

describe('layoutDependencyGraph', () => {
  it('puts callers left of callees, by longest call path', () => {
    const layout = layoutDependencyGraph([edge('web', 'api'), edge('api', 'db'), edge('web', 'db')]);
    const col = Object.fromEntries(layout.nodes.map((n) => [n.name, n.column]));
    expect(col).toEqual({ web: 0, api: 1, db: 2 });
    expect(layout.columns).toBe(3);
    expect(layout.edges.every((e) => !e.back)).toBe(true);
  });

  it('lays out a cycle, marking the edge that closes it as a back edge', () => {
    const layout = layoutDependencyGraph([edge('a', 'b'), edge('b', 'a'), edge('b', 'b')]);
    expect(layout.nodes.map((n) => [n.name, n.column])).toEqual([['a', 0], ['b', 1]]);
    expect(layout.edges.map((e) => e.back)).toEqual([false, true, true]);
  });

  it('gives services in the same column distinct rows', () => {
    const layout = layoutDependencyGraph([edge('gw', 'users'), edge('gw', 'orders'), edge('gw', 'cart')]);
    const rows = layout.nodes.filter((n) => n.column === 1).map((n) => n.row).sort();
    expect(rows).toEqual([0, 1, 2]);
    expect(layout.rows).toBe(3);
  });
});
