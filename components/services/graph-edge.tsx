import type { LayoutEdge, LayoutNode } from '@/lib/view/layout-dependency-graph';
import { errorGradeColor, type ErrorGrade } from '@/lib/view/graph/grade-error-rate';
import { GRAPH_GEOMETRY as G, nodeOrigin } from './graph-geometry';

type GraphEdgeProps = { edge: LayoutEdge; from: LayoutNode; to: LayoutNode; grade: ErrorGrade; errorText: string; state: 'normal' | 'lit' | 'dim' };

/**
 * A call edge with its count, coloured by the callee's error rate. Forward edges run from the
 * caller's right side to the callee's left side; a back edge (a cycle, or a service calling
 * itself) loops underneath, dashed.
 */
export function GraphEdge({ edge, from, to, grade, errorText, state }: GraphEdgeProps) {
  const a = nodeOrigin(from);
  const b = nodeOrigin(to);
  let path: string;
  let label: { x: number; y: number };
  if (!edge.back) {
    const x1 = a.x + G.nodeWidth, y1 = a.y + G.nodeHeight / 2, x2 = b.x, y2 = b.y + G.nodeHeight / 2;
    const dx = (x2 - x1) / 2;
    path = `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`;
    // the label sits at t = 0.7 along the curve: edges fanning out of one caller share their
    // start, so labels at the midpoint would pile up; near the callee they separate
    const t = 0.7, u = 1 - t;
    label = { x: u ** 3 * x1 + 3 * u * u * t * (x1 + dx) + 3 * u * t * t * (x2 - dx) + t ** 3 * x2, y: (u ** 3 + 3 * u * u * t) * y1 + (3 * u * t * t + t ** 3) * y2 };
  } else {
    const x1 = a.x + G.nodeWidth / 2 + 20, y1 = a.y + G.nodeHeight, x2 = b.x + G.nodeWidth / 2 - 20, y2 = b.y + G.nodeHeight;
    const low = Math.max(y1, y2) + G.backEdgeRoom - 6;
    path = `M${x1},${y1} C${x1},${low} ${x2},${low} ${x2},${y2}`;
    label = { x: (x1 + x2) / 2, y: low - 6 };
  }
  const text = `${edge.callCount.toLocaleString('en')} ${edge.callCount === 1 ? 'call' : 'calls'}`;
  const color = errorGradeColor(grade);
  return (
    <g data-testid="graph-edge" data-parent={edge.parent} data-child={edge.child} data-calls={edge.callCount} data-grade={grade} data-state={state}
      opacity={state === 'dim' ? 0.15 : 1}>
      <title>{`${edge.parent} → ${edge.child}: ${text}; ${errorText}`}</title>
      <path d={path} fill="none" stroke={color} strokeWidth={state === 'lit' ? 3 : 1.75} strokeDasharray={edge.back ? '4 3' : undefined}
        markerEnd={`url(#dep-arrow-${grade})`} />
      <rect x={label.x - (text.length * 3.4 + 8)} y={label.y - 9} width={text.length * 6.8 + 16} height={18} rx={9} fill="var(--chart-grid)" stroke={color} />
      <text x={label.x} y={label.y} textAnchor="middle" dominantBaseline="central" fontSize={11} fill="var(--chart-text)">
        {text}
      </text>
    </g>
  );
}
