import { useRouter } from 'next/navigation';
import { startTransition, useEffect, useMemo, useRef, useState } from 'react';
import type { MetricWindow } from '@/lib/api/pages/metric-windows';
import type { DependencyEdge, GraphLayout } from '@/lib/view/layout-dependency-graph';
import { findNeighbours } from '@/lib/view/graph/find-neighbours';
import { ERROR_GRADES, gradeErrorRate } from '@/lib/view/graph/grade-error-rate';
import { fitGraphView, graphBoxHeight, panGraphView, wheelZoomFactor, zoomGraphView, type GraphView } from '@/lib/view/graph/graph-view';
import { formatErrorRate } from '@/lib/view/format/format-metrics';
import { GraphEdge } from './graph-edge';
import { GraphNode } from './graph-node';
import { GRAPH_GEOMETRY as G } from './graph-geometry';
import { searchHref } from './search-link';

export type ServiceRates = Map<string, { errors: number; requests: number }>;

type GraphCanvasProps = { layout: GraphLayout; edges: readonly DependencyEdge[]; rates: ServiceRates; window: MetricWindow };

const PAN_STEP = 80;
const ZOOM_STEP = 1.25;

const buttonClass =
  'flex h-8 min-w-8 items-center justify-center rounded border border-slate-300 bg-white px-2 text-sm text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-500/40 focus-visible:outline-none';

/**
 * The drawn graph: fitted to its box (at most natural size), zoomed by the wheel or the buttons,
 * panned by dragging the background or the arrow buttons; hovering or focusing a service lights up
 * its callers and callees and dims the rest.
 */
export function GraphCanvas({ layout, edges, rates, window }: GraphCanvasProps) {
  const router = useRouter();
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const [boxWidth, setBoxWidth] = useState(0);
  const content = useMemo(
    () => ({
      width: layout.columns * G.nodeWidth + Math.max(0, layout.columns - 1) * G.columnGap + 2 * G.pad,
      height: Math.max(1, layout.rows) * G.nodeHeight + Math.max(0, layout.rows - 1) * G.rowGap + 2 * G.pad + G.backEdgeRoom,
    }),
    [layout],
  );
  const boxHeight = graphBoxHeight(content, boxWidth);
  const fitted = useMemo(() => fitGraphView(content, { width: boxWidth, height: boxHeight }), [content, boxWidth, boxHeight]);
  // the user's zoom and pan; undefined follows the fit (a new layout or a resized box refits)
  const [userView, setUserView] = useState<{ view: GraphView; layout: GraphLayout } | undefined>();
  const view = userView && userView.layout === layout ? userView.view : fitted;
  const viewRef = useRef(view);
  viewRef.current = view;
  const change = (next: GraphView) => setUserView({ view: next, layout });
  const changeRef = useRef(change);
  changeRef.current = change;

  const [pointed, setPointed] = useState<string | undefined>();
  const [focused, setFocused] = useState<string | undefined>();
  const active = pointed ?? focused;
  const lit = useMemo(() => (active === undefined ? undefined : findNeighbours(edges, active)), [edges, active]);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    // the first drawing comes with the first width: a transition, so React renders hundreds of edges in slices
    const measure = () => startTransition(() => setBoxWidth(box.clientWidth));
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    measure();
    return () => observer.disconnect();
  }, []);

  // a wheel over the graph zooms it (not the page): React's wheel listener is passive and could not prevent the scroll
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = svg.getBoundingClientRect();
      changeRef.current(zoomGraphView(viewRef.current, wheelZoomFactor(e.deltaY), { x: e.clientX - r.left, y: e.clientY - r.top }));
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [boxWidth > 0]); // eslint-disable-line react-hooks/exhaustive-deps -- the svg exists once the box is measured

  const drag = useRef<{ x: number; y: number; view: GraphView } | undefined>(undefined);
  const onPointerDown = (e: React.PointerEvent<SVGSVGElement>) => {
    if (e.button !== 0 || (e.target as Element).closest('[data-testid="graph-node"]')) return;
    drag.current = { x: e.clientX, y: e.clientY, view };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: React.PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (d) change(panGraphView(d.view, e.clientX - d.x, e.clientY - d.y));
  };
  const endDrag = () => {
    drag.current = undefined;
  };
  const centre = { x: boxWidth / 2, y: boxHeight / 2 };
  const nodes = new Map(layout.nodes.map((n) => [n.name, n]));
  const stateOf = (name: string) => (lit === undefined ? 'normal' : lit.has(name) ? 'lit' : 'dim');

  const controls: { label: string; text: string; testId: string; act: () => GraphView }[] = [
    { label: 'Zoom in', text: '+', testId: 'graph-zoom-in', act: () => zoomGraphView(view, ZOOM_STEP, centre) },
    { label: 'Zoom out', text: '−', testId: 'graph-zoom-out', act: () => zoomGraphView(view, 1 / ZOOM_STEP, centre) },
    { label: 'Pan left', text: '←', testId: 'graph-pan-left', act: () => panGraphView(view, PAN_STEP, 0) },
    { label: 'Pan right', text: '→', testId: 'graph-pan-right', act: () => panGraphView(view, -PAN_STEP, 0) },
    { label: 'Pan up', text: '↑', testId: 'graph-pan-up', act: () => panGraphView(view, 0, PAN_STEP) },
    { label: 'Pan down', text: '↓', testId: 'graph-pan-down', act: () => panGraphView(view, 0, -PAN_STEP) },
  ];

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-1" role="toolbar" aria-label="Graph view" data-testid="graph-controls">
        {controls.map((c) => (
          <button key={c.testId} type="button" className={buttonClass} aria-label={c.label} title={c.label} data-testid={c.testId} onClick={() => change(c.act())}>
            <span aria-hidden="true">{c.text}</span>
          </button>
        ))}
        <button type="button" className={buttonClass} data-testid="graph-fit" disabled={!userView || userView.layout !== layout} onClick={() => setUserView(undefined)}>
          Fit
        </button>
        <span className="ml-2 text-xs text-slate-500" data-testid="graph-zoom">{Math.round(view.scale * 100)}%</span>
        <span className="ml-auto hidden text-xs text-slate-500 sm:inline">wheel zooms · drag pans · hover or focus a service for its neighbours</span>
      </div>
      <div ref={boxRef} className="overflow-hidden rounded-md border border-slate-100" style={{ height: boxHeight }} data-testid="graph-box">
        {boxWidth > 0 && (
          <svg ref={svgRef} width={boxWidth} height={boxHeight} role="group" aria-label="Service dependency graph" className="cursor-grab touch-none font-sans select-none active:cursor-grabbing"
            onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={endDrag} onPointerCancel={endDrag}>
            <defs>
              {ERROR_GRADES.map((g) => (
                <marker key={g.grade} id={`dep-arrow-${g.grade}`} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                  <path d="M0,0 L10,5 L0,10 z" fill={g.color} />
                </marker>
              ))}
            </defs>
            <g transform={`translate(${view.x} ${view.y}) scale(${view.scale})`} data-testid="graph-content">
              {layout.edges.map((e) => {
                const rate = rates.get(e.child);
                const grade = gradeErrorRate(rate?.errors ?? 0, rate?.requests ?? 0);
                const errorText = rate && rate.requests > 0 ? `${e.child}'s requests ${formatErrorRate(rate.errors, rate.requests)} errors` : `no requests of ${e.child} measured`;
                const state = active === undefined ? 'normal' : e.parent === active || e.child === active ? 'lit' : 'dim';
                return <GraphEdge key={`${e.parent}\u0000${e.child}`} edge={e} from={nodes.get(e.parent)!} to={nodes.get(e.child)!} grade={grade} errorText={errorText} state={state} />;
              })}
              {layout.nodes.map((n) => (
                <GraphNode key={n.name} node={n} state={stateOf(n.name)} focused={focused === n.name}
                  onActive={(service, by) => (by === 'pointer' ? setPointed(service) : setFocused(service))}
                  onOpen={() => router.push(searchHref(n.name, window))} />
              ))}
            </g>
          </svg>
        )}
      </div>
      <ul className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600" data-testid="graph-legend" aria-label="Edge colours">
        <li className="font-medium">Edge colour: error rate of the callee&apos;s requests</li>
        {ERROR_GRADES.map((g) => (
          <li key={g.grade} className="flex items-center gap-1.5">
            <svg width="22" height="8" aria-hidden="true"><line x1="0" y1="4" x2="22" y2="4" stroke={g.color} strokeWidth="3" /></svg>
            {g.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
