import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { formatDurationUs } from '@/lib/view/format/format-duration';
import { serviceColor } from '@/lib/view/format/service-color';
import { flameLayout, flameSpanAt } from '@/lib/view/trace/flame-layout';
import type { Trace, TraceSpan } from '@/lib/view/trace/trace-model';
import type { ViewRange } from '@/lib/view/trace/view-bounds';

type FlameGraphProps = {
  trace: Trace;
  selectedId: string;
  /** the window of the trace shown (the minimap's zoom), fractions of its duration */
  viewRange: ViewRange;
  onSelect: (span: TraceSpan) => void;
};

export const FLAME_ROW_HEIGHT = 18;
/** set once the first frame with blocks is drawn; read by e2e/bench/trace-paint.bench.ts */
export const FLAME_PAINT_MARK = 'spanscope:flame-first-paint';
const FONT = '11px ui-sans-serif, system-ui, sans-serif';
const CHAR_PX = 6.2; // an average glyph at FONT, to cut labels without measuring each one

// The trace as a flame graph on one canvas (an icicle: roots on top, callees below), drawn for
// the rows in view only, so a 100,000-span trace scrolls as lightly as a small one. Block width
// is the span's share of the shown window; colour is its service. A click selects the span (the
// same selection as the timeline's); with the graph focused, arrow keys walk the blocks (up: the
// parent, down: the first child, left/right: the neighbours on the row) and Enter keeps them selected.
export function FlameGraph({ trace, selectedId, viewRange, onSelect }: FlameGraphProps) {
  const layout = useMemo(() => flameLayout(trace), [trace]);
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const painted = useRef(false);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [scrollTop, setScrollTop] = useState(0);
  const [hover, setHover] = useState(-1);
  const colors = useMemo(() => new Map(trace.services.map((s) => [s.name, serviceColor(s.name)])), [trace]);
  const selected = trace.byId.get(selectedId);
  const durationUs = Math.max(trace.durationUs, 1e-9);
  const [v0, v1] = viewRange;

  // measured before the first paint, so the first frame already has blocks (not one frame later from the observer)
  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const measure = () => setSize({ width: box.clientWidth, height: box.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  const xOf = useCallback((us: number) => ((us / durationUs - v0) / (v1 - v0)) * size.width, [durationUs, v0, v1, size.width]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || size.width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(size.width * dpr);
    canvas.height = Math.round(size.height * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size.width, size.height);
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    const first = Math.max(0, Math.floor(scrollTop / FLAME_ROW_HEIGHT));
    const last = Math.min(layout.rowCount - 1, Math.ceil((scrollTop + size.height) / FLAME_ROW_HEIGHT));
    const fromUs = v0 * durationUs;
    const toUs = v1 * durationUs;
    for (let r = first; r <= last; r++) {
      const y = r * FLAME_ROW_HEIGHT - scrollTop;
      const list = layout.rows[r];
      let drawnTo = -Infinity; // blocks thinner than a pixel on an already painted pixel are skipped
      for (let k = 0; k < list.length; k++) {
        const s = trace.spans[list[k]];
        if (s.startUs > toUs) break;
        if (s.startUs + s.durationUs < fromUs) continue;
        const x = xOf(s.startUs);
        const w = Math.max(1, xOf(s.startUs + s.durationUs) - x);
        if (x + w <= drawnTo) continue;
        drawnTo = x + w;
        ctx.fillStyle = colors.get(s.serviceName) ?? '#94a3b8';
        ctx.fillRect(x, y + 1, Math.max(1, w - 1), FLAME_ROW_HEIGHT - 2);
        if (s.isError) {
          ctx.fillStyle = '#dc2626';
          ctx.fillRect(x, y + FLAME_ROW_HEIGHT - 4, Math.max(1, w - 1), 3);
        }
        if (w > 30) {
          const label = s.name;
          const room = Math.floor((Math.min(w, size.width - Math.max(x, 0)) - 6) / CHAR_PX);
          if (room >= 2) {
            ctx.fillStyle = '#fff';
            ctx.fillText(label.length > room ? `${label.slice(0, room - 1)}…` : label, Math.max(x, 0) + 3, y + FLAME_ROW_HEIGHT / 2);
          }
        }
      }
    }
    // the outline is the text colour of the theme in force (app/globals.css), light or dark
    const outline = getComputedStyle(canvas).getPropertyValue('--chart-text').trim() || '#0f172a';
    for (const [index, style, width] of [[hover, outline, 1], [selected?.index ?? -1, outline, 2]] as const) {
      if (index < 0) continue;
      const s = trace.spans[index];
      const y = layout.row[index] * FLAME_ROW_HEIGHT - scrollTop;
      const x = xOf(s.startUs);
      ctx.strokeStyle = style;
      ctx.lineWidth = width;
      ctx.strokeRect(x + 0.5, y + 1.5, Math.max(1, xOf(s.startUs + s.durationUs) - x - 1), FLAME_ROW_HEIGHT - 3);
    }
    if (!painted.current && layout.rowCount > 0) {
      painted.current = true;
      requestAnimationFrame(() => setTimeout(() => performance.mark(FLAME_PAINT_MARK), 0));
    }
  }, [trace, layout, size, scrollTop, xOf, v0, v1, durationUs, colors, selected, hover]);

  // keep the selected block in view when it changes (a click on the timeline, j/k, arrows here)
  useEffect(() => {
    const box = boxRef.current;
    if (!box || !selected) return;
    const y = layout.row[selected.index] * FLAME_ROW_HEIGHT;
    if (y < box.scrollTop || y + FLAME_ROW_HEIGHT > box.scrollTop + box.clientHeight) box.scrollTop = Math.max(0, y - box.clientHeight / 2);
  }, [selected, layout]);

  const spanAtEvent = (e: React.MouseEvent) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const r = Math.floor((e.clientY - rect.top + scrollTop) / FLAME_ROW_HEIGHT);
    const us = (v0 + ((e.clientX - rect.left) / size.width) * (v1 - v0)) * durationUs;
    const slackUs = ((v1 - v0) * durationUs) / Math.max(size.width, 1); // a block drawn 1px wide is clickable
    return flameSpanAt(trace, layout, r, us, slackUs);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const at = selected ?? trace.root;
    if (!at) return;
    let next: TraceSpan | undefined;
    if (e.key === 'ArrowUp') next = at.parentIndex >= 0 ? trace.spans[at.parentIndex] : undefined;
    else if (e.key === 'ArrowDown') next = at.children.length > 0 ? trace.spans[at.children[0]] : undefined;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const list = layout.rows[layout.row[at.index]];
      const k = list.indexOf(at.index) + (e.key === 'ArrowLeft' ? -1 : 1);
      next = k >= 0 && k < list.length ? trace.spans[list[k]] : undefined;
    } else if (e.key === 'Enter' || e.key === ' ') next = at;
    else return;
    // the page's own shortcuts (use-trace-keyboard) walk the timeline's rows; here the arrows walk the graph
    e.preventDefault();
    e.stopPropagation();
    if (next) onSelect(next);
  };

  const hovered = hover >= 0 ? trace.spans[hover] : undefined;
  return (
    <div className="flex min-w-0 flex-1 flex-col overflow-hidden rounded-md border border-slate-200 bg-white" data-testid="flame-graph">
      <div className="flex h-6 shrink-0 items-center gap-3 border-b border-slate-200 bg-slate-50 px-2 text-xs text-slate-600">
        <span className="font-medium">Flame graph</span>
        <span className="text-slate-500">{layout.rowCount.toLocaleString('en-US')} rows · width ∝ duration · arrows move, click selects</span>
        <span className="ml-auto truncate" data-testid="flame-hover">
          {hovered ? `${hovered.serviceName}: ${hovered.name} · ${formatDurationUs(hovered.durationUs)}` : ''}
        </span>
      </div>
      <div
        ref={boxRef}
        className="relative min-h-0 flex-1 overflow-auto focus:outline-2 focus:outline-sky-500"
        tabIndex={0}
        role="application"
        aria-label="Flame graph of the trace: arrow keys move between spans, click selects"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
        data-testid="flame-scroll"
      >
        <div style={{ height: layout.rowCount * FLAME_ROW_HEIGHT }} />
        <canvas
          ref={canvasRef}
          className="absolute left-0 cursor-pointer"
          style={{ top: scrollTop, width: size.width, height: size.height }}
          onClick={(e) => {
            const i = spanAtEvent(e);
            if (i >= 0) onSelect(trace.spans[i]);
          }}
          onMouseMove={(e) => setHover(spanAtEvent(e))}
          onMouseLeave={() => setHover(-1)}
          data-testid="flame-canvas"
          data-selected-span={selected?.spanId ?? ''}
        />
      </div>
      <p className="sr-only" aria-live="polite">{selected ? `${selected.serviceName}: ${selected.name}, ${formatDurationUs(selected.durationUs)}` : ''}</p>
    </div>
  );
}
