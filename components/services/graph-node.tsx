import type { LayoutNode } from '@/lib/view/layout-dependency-graph';
import { serviceColor } from '@/lib/view/format/service-color';
import { GRAPH_GEOMETRY as G, nodeOrigin } from './graph-geometry';

type GraphNodeProps = {
  node: LayoutNode;
  state: 'normal' | 'lit' | 'dim';
  focused: boolean;
  /** hovered or focused (the service), or left (undefined) */
  onActive: (service: string | undefined, by: 'pointer' | 'focus') => void;
  onOpen: () => void;
};

/** A service box of the graph: a link to that service's search (click, or Enter when focused); hover or focus lights up its neighbours. */
export function GraphNode({ node, state, focused, onActive, onOpen }: GraphNodeProps) {
  const { x, y } = nodeOrigin(node);
  const label = node.name.length > 22 ? `${node.name.slice(0, 21)}…` : node.name;
  return (
    <g data-testid="graph-node" data-service={node.name} data-state={state} className="cursor-pointer outline-none" opacity={state === 'dim' ? 0.3 : 1}
      role="link" tabIndex={0} aria-label={`${node.name}: search its traces`}
      onClick={onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen();
      }}
      onPointerEnter={() => onActive(node.name, 'pointer')} onPointerLeave={() => onActive(undefined, 'pointer')}
      onFocus={() => onActive(node.name, 'focus')} onBlur={() => onActive(undefined, 'focus')}>
      <title>{node.name}</title>
      {focused && <rect x={x - 4} y={y - 4} width={G.nodeWidth + 8} height={G.nodeHeight + 8} rx={9} fill="none" stroke="var(--chart-accent)" strokeWidth={2.5} />}
      <rect x={x} y={y} width={G.nodeWidth} height={G.nodeHeight} rx={6} fill="var(--chart-surface)" stroke={state === 'lit' ? 'var(--chart-text)' : 'var(--chart-muted)'}
        strokeWidth={state === 'lit' ? 2 : 1} />
      <rect x={x} y={y} width={6} height={G.nodeHeight} rx={2} fill={serviceColor(node.name)} />
      <text x={x + 16} y={y + G.nodeHeight / 2} dominantBaseline="central" fontSize={13} fontWeight={600} fill="var(--chart-text)">
        {label}
      </text>
    </g>
  );
}
