// Where the dependency graph's drawing sits in its box: a scale and an offset (screen = content ×
// scale + offset). Fitting shows all of it (never enlarged past its natural size, so a small graph
// keeps readable labels); zooming keeps the point under the pointer (or the box's centre) still;
// the scale stays within bounds so the drawing can neither vanish nor fill the box with one node.

export type GraphView = { scale: number; x: number; y: number };
export type Size = { width: number; height: number };

export const MIN_SCALE = 0.2;
export const MAX_SCALE = 3;

const clampScale = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** The view that shows the whole content centred in the box, at most at natural size. */
export const fitGraphView = (content: Size, box: Size): GraphView => {
  if (content.width <= 0 || content.height <= 0 || box.width <= 0 || box.height <= 0) return { scale: 1, x: 0, y: 0 };
  const scale = clampScale(Math.min(1, box.width / content.width, box.height / content.height));
  return { scale, x: (box.width - content.width * scale) / 2, y: (box.height - content.height * scale) / 2 };
};

/**
 * The box height for content of this size in a box this wide: tall enough for the fitted drawing,
 * within [min, max] (a long chain of services must not make a page-high empty box).
 */
export const graphBoxHeight = (content: Size, boxWidth: number, { min = 160, max = 480 } = {}): number => {
  if (content.width <= 0 || content.height <= 0 || boxWidth <= 0) return min;
  const scale = Math.min(1, boxWidth / content.width, max / content.height);
  return Math.round(Math.min(max, Math.max(min, content.height * scale)));
};

/** Zooms by `factor` around the screen point `at` (which stays over the same content point). */
export const zoomGraphView = (view: GraphView, factor: number, at: { x: number; y: number }): GraphView => {
  const scale = clampScale(view.scale * factor);
  const k = scale / view.scale;
  return { scale, x: at.x - (at.x - view.x) * k, y: at.y - (at.y - view.y) * k };
};

/** Moves the drawing by (dx, dy) screen pixels. */
export const panGraphView = (view: GraphView, dx: number, dy: number): GraphView => ({ ...view, x: view.x + dx, y: view.y + dy });

/** The factor one wheel event zooms by: smooth for touchpads (small deltas), bounded for mouse notches. */
export const wheelZoomFactor = (deltaY: number): number => Math.exp(-Math.max(-100, Math.min(100, deltaY)) / 300);
