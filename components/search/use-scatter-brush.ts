import { useRef, useState } from 'react';
import type { BrushedRegion } from '@/lib/view/search/brushed-search';

/** What the chart knows of its axes, read inside it (ScaleProbe) for the brush outside it. */
export type ChartScales = {
  invX: (px: number) => unknown;
  invY: (px: number) => unknown;
  plot: { x: number; y: number; width: number; height: number };
};

type Point = { x: number; y: number };

/** Less than this many pixels either way is a click (on a point, it opens the trace), not a region. */
const MIN_BRUSH_PX = 6;

/**
 * Dragging a rectangle over the plot area of a chart; on release, the rectangle in data values
 * (time × duration) goes to onBrush. Coordinates are the chart surface's; the rectangle to draw is
 * returned relative to the container.
 */
export const useScatterBrush = (onBrush: (region: BrushedRegion) => void) => {
  const container = useRef<HTMLDivElement>(null);
  const scales = useRef<ChartScales | undefined>(undefined);
  // where a press began, kept out of state: re-rendering the chart on a mere press replaced the
  // point under the pointer, and the click that opens its trace never came
  const pressed = useRef<{ from: Point; offset: Point } | undefined>(undefined);
  const [drag, setDrag] = useState<{ from: Point; to: Point; offset: Point } | undefined>();

  const surfacePoint = (e: React.PointerEvent): { at: Point; offset: Point } | undefined => {
    const svg = container.current?.querySelector('svg.recharts-surface');
    if (!svg || !container.current) return undefined;
    const r = svg.getBoundingClientRect();
    const c = container.current.getBoundingClientRect();
    return { at: { x: e.clientX - r.left, y: e.clientY - r.top }, offset: { x: r.left - c.left, y: r.top - c.top } };
  };
  const clampToPlot = (p: Point): Point => {
    const plot = scales.current!.plot;
    return { x: Math.min(plot.x + plot.width, Math.max(plot.x, p.x)), y: Math.min(plot.y + plot.height, Math.max(plot.y, p.y)) };
  };

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    const s = scales.current;
    const p = surfacePoint(e);
    if (e.button !== 0 || !s || !p) return;
    const { x, y } = p.at;
    if (x < s.plot.x || x > s.plot.x + s.plot.width || y < s.plot.y || y > s.plot.y + s.plot.height) return;
    pressed.current = { from: p.at, offset: p.offset };
  };
  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    const start = pressed.current;
    const p = start && surfacePoint(e);
    if (!start || !p) return;
    const to = clampToPlot(p.at);
    if (!drag && Math.abs(to.x - start.from.x) < MIN_BRUSH_PX && Math.abs(to.y - start.from.y) < MIN_BRUSH_PX) return;
    if (!e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.setPointerCapture(e.pointerId);
    setDrag({ ...start, to });
  };
  const onPointerUp = () => {
    const s = scales.current;
    pressed.current = undefined;
    if (!drag) return;
    setDrag(undefined);
    if (!s) return;
    const { from, to } = drag;
    if (Math.abs(to.x - from.x) < MIN_BRUSH_PX || Math.abs(to.y - from.y) < MIN_BRUSH_PX) return;
    const [startMs, endMs, maxDurationMs, minDurationMs] = [s.invX(from.x), s.invX(to.x), s.invY(Math.min(from.y, to.y)), s.invY(Math.max(from.y, to.y))].map(Number);
    if (![startMs, endMs, minDurationMs, maxDurationMs].every(Number.isFinite)) return;
    onBrush({ startMs, endMs, minDurationMs: Math.max(0, minDurationMs), maxDurationMs });
  };

  const rect = drag && {
    left: drag.offset.x + Math.min(drag.from.x, drag.to.x),
    top: drag.offset.y + Math.min(drag.from.y, drag.to.y),
    width: Math.abs(drag.to.x - drag.from.x),
    height: Math.abs(drag.to.y - drag.from.y),
  };
  return { container, scales, rect, handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: () => {
    pressed.current = undefined;
    setDrag(undefined);
  } } };
};
