import type { UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { MetricWindow } from '@/lib/api/pages/metric-windows';
import { layoutDependencyGraph, type DependencyEdge } from '@/lib/view/layout-dependency-graph';
import { SearchMessage } from '@/components/search/search-message';
import { Skeleton } from '@/components/ui/skeleton';
import { GraphEdge } from './graph-edge';
import { GraphNode } from './graph-node';
import { GRAPH_GEOMETRY as G } from './graph-geometry';

type DependencyGraphProps = { dependencies: UseQueryResult<DependencyEdge[]>; window: MetricWindow };

/** The service call graph of /api/dependencies: callers left, callees right, each edge labelled with its call count. */
export function DependencyGraph({ dependencies, window }: DependencyGraphProps) {
  const layout = useMemo(() => layoutDependencyGraph(dependencies.data ?? []), [dependencies.data]);
  const width = layout.columns * G.nodeWidth + Math.max(0, layout.columns - 1) * G.columnGap + 2 * G.pad;
  const height = Math.max(1, layout.rows) * G.nodeHeight + Math.max(0, layout.rows - 1) * G.rowGap + 2 * G.pad + G.backEdgeRoom;
  const nodes = new Map(layout.nodes.map((n) => [n.name, n]));

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs" data-testid="dependency-graph">
      <h2 className="text-lg font-semibold">Dependencies</h2>
      <p className="mb-3 text-sm text-slate-600">Calls between services in the window: a span whose parent span belongs to another service.</p>
      {dependencies.isPending ? (
        <Skeleton className="h-48 w-full" />
      ) : dependencies.isError ? (
        <SearchMessage testId="dependencies-error" tone="error" title="The graph failed to load">{dependencies.error.message}</SearchMessage>
      ) : layout.nodes.length === 0 ? (
        <SearchMessage testId="dependencies-empty" title="No calls between services in this window">
          The graph appears once a trace spans two or more services.
        </SearchMessage>
      ) : (
        <div className="overflow-x-auto">
          <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Service dependency graph" className="font-sans">
            <defs>
              <marker id="dep-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" fill="var(--chart-axis)" />
              </marker>
            </defs>
            {layout.edges.map((e) => (
              <GraphEdge key={`${e.parent}\u0000${e.child}`} edge={e} from={nodes.get(e.parent)!} to={nodes.get(e.child)!} />
            ))}
            {layout.nodes.map((n) => (
              <GraphNode key={n.name} node={n} window={window} />
            ))}
          </svg>
        </div>
      )}
    </section>
  );
}
