import { useRouter } from 'next/navigation';
import type { MetricWindow } from '@/lib/api/pages/metric-windows';
import type { LayoutNode } from '@/lib/view/layout-dependency-graph';
import { serviceColor } from '@/lib/view/format/service-color';
import { GRAPH_GEOMETRY as G, nodeOrigin } from './graph-geometry';
import { searchHref } from './search-link';

/** A service box of the graph; a click searches that service's traces. */
export function GraphNode({ node, window }: { node: LayoutNode; window: MetricWindow }) {
  const router = useRouter();
  const { x, y } = nodeOrigin(node);
  const label = node.name.length > 22 ? `${node.name.slice(0, 21)}…` : node.name;
  return (
    <g data-testid="graph-node" data-service={node.name} className="cursor-pointer" onClick={() => router.push(searchHref(node.name, window))}>
      <title>{node.name}</title>
      <rect x={x} y={y} width={G.nodeWidth} height={G.nodeHeight} rx={6} fill="var(--chart-surface)" stroke="var(--chart-muted)" />
      <rect x={x} y={y} width={6} height={G.nodeHeight} rx={2} fill={serviceColor(node.name)} />
      <text x={x + 16} y={y + G.nodeHeight / 2} dominantBaseline="central" fontSize={13} fontWeight={600} fill="var(--chart-text)">
        {label}
      </text>
    </g>
  );
}
