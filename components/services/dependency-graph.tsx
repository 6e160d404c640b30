import type { UseQueryResult } from '@tanstack/react-query';
import { useDeferredValue, useMemo } from 'react';
import type { MetricWindow } from '@/lib/api/pages/metric-windows';
import { layoutDependencyGraph, type DependencyEdge } from '@/lib/view/layout-dependency-graph';
import { SearchMessage } from '@/components/search/search-message';
import { Skeleton } from '@/components/ui/skeleton';
import { GraphCanvas, type ServiceRates } from './graph-canvas';

type DependencyGraphProps = { dependencies: UseQueryResult<DependencyEdge[]>; rates: ServiceRates; window: MetricWindow };

/** The service call graph of /api/dependencies: callers left, callees right, each edge labelled with its call count. */
export function DependencyGraph({ dependencies, rates, window }: DependencyGraphProps) {
  // deferred, so the drawing renders in a transition React slices (see service-list.tsx)
  const edges = useDeferredValue(dependencies.data);
  const layout = useMemo(() => layoutDependencyGraph(edges ?? []), [edges]);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs" data-testid="dependency-graph">
      <h2 className="text-lg font-semibold">Dependencies</h2>
      <p className="mb-3 text-sm text-slate-600">Calls between services in the window: a span whose parent span belongs to another service.</p>
      {dependencies.isPending || (dependencies.data && !edges) ? (
        <Skeleton className="h-48 w-full" />
      ) : dependencies.isError ? (
        <SearchMessage testId="dependencies-error" tone="error" title="The graph failed to load">{dependencies.error.message}</SearchMessage>
      ) : layout.nodes.length === 0 ? (
        <SearchMessage testId="dependencies-empty" title="No calls between services in this window">
          The graph appears once a trace spans two or more services.
        </SearchMessage>
      ) : (
        <GraphCanvas layout={layout} edges={edges ?? []} rates={rates} window={window} />
      )}
    </section>
  );
}
