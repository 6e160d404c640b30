import type { LayoutNode } from '@/lib/view/layout-dependency-graph';

/** Sizes of the dependency graph drawing, in SVG pixels. */
export const GRAPH_GEOMETRY = { nodeWidth: 180, nodeHeight: 40, columnGap: 130, rowGap: 28, pad: 12, backEdgeRoom: 36 } as const;

/** The top-left corner of a node's box. */
export const nodeOrigin = (node: LayoutNode) => ({
  x: GRAPH_GEOMETRY.pad + node.column * (GRAPH_GEOMETRY.nodeWidth + GRAPH_GEOMETRY.columnGap),
  y: GRAPH_GEOMETRY.pad + node.row * (GRAPH_GEOMETRY.nodeHeight + GRAPH_GEOMETRY.rowGap),
});
