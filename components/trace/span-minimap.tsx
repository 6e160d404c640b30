import { useEffect, useRef, useState } from 'react';
import { serviceColor } from '@/lib/view/format/service-color';
import type { Trace } from '@/lib/view/trace/trace-model';
import type { ViewRange } from '@/lib/view/trace/view-bounds';
import { TimeTicks } from '@/components/trace/timeline/time-ticks';

type SpanMinimapProps = { trace: Trace; viewRange: ViewRange; onViewRange: (a: number, b: number) => void };

const HEIGHT = 56;

// The whole trace drawn once on a canvas (one thin line per span, in row order), as jaeger-ui's
// span graph; dragging across it selects the range the timeline zooms to, dragging inside the
// selected range moves it, double-click resets.
export function SpanMinimap({ trace, viewRange, onViewRange }: SpanMinimapProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  // dragging out a new range, or (inside the zoomed window) moving the window: [grab point, window start]
  const [drag, setDrag] = useState<[number, number] | null>(null);
  const [pan, setPan] = useState<{ from: number; start: number } | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const draw = () => {
      const width = canvas.clientWidth;
      const dpr = window.devicePixelRatio || 1;
      canvas.width = Math.max(1, Math.round(width * dpr));
      canvas.height = Math.round(HEIGHT * dpr);
      const ctx = canvas.getContext('2d')!;
      ctx.scale(dpr, dpr);
      const total = trace.durationUs || 1;
      const n = trace.spans.length;
      const rowH = Math.max(HEIGHT / Math.max(n, 1), 0.5);
      const colors = new Map<string, string>();
      for (const span of trace.spans) {
        let color = colors.get(span.serviceName);
        if (!color) colors.set(span.serviceName, (color = serviceColor(span.serviceName)));
        ctx.fillStyle = span.isError ? '#dc2626' : color;
        const x = (span.startUs / total) * width;
        ctx.fillRect(x, (span.index / n) * HEIGHT, Math.max((span.durationUs / total) * width, 1), Math.min(rowH, 3));
      }
    };
    draw();
    const observer = new ResizeObserver(draw);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [trace]);

  const fractionAt = (clientX: number) => {
    const rect = boxRef.current!.getBoundingClientRect();
    return Math.max(0, Math.min(1, (clientX - rect.left) / rect.width));
  };
  const zoomed = viewRange[0] > 0 || viewRange[1] < 1;
  const width = viewRange[1] - viewRange[0];
  const shown = drag ? ([Math.min(...drag), Math.max(...drag)] as const) : viewRange;

  return (
    <div className="rounded-md border border-slate-200 bg-white" data-testid="minimap">
      <div className="flex items-center border-b border-slate-100 pr-2">
        <div className="relative h-5 flex-1">
          <TimeTicks fromUs={0} toUs={trace.durationUs} />
        </div>
        <button type="button" disabled={!zoomed} onClick={() => onViewRange(0, 1)} className="ml-2 text-xs text-sky-700 disabled:text-slate-300" data-testid="reset-zoom">
          Reset zoom
        </button>
      </div>
      <div
        ref={boxRef}
        className={`relative select-none ${pan ? 'cursor-grabbing' : 'cursor-crosshair'}`}
        style={{ height: HEIGHT }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          const f = fractionAt(e.clientX);
          if (zoomed && f > viewRange[0] && f < viewRange[1]) setPan({ from: f, start: viewRange[0] });
          else setDrag([f, f]);
        }}
        onPointerMove={(e) => {
          if (drag) setDrag([drag[0], fractionAt(e.clientX)]);
          if (pan) {
            const start = Math.max(0, Math.min(1 - width, pan.start + fractionAt(e.clientX) - pan.from));
            onViewRange(start, start + width);
          }
        }}
        onPointerUp={(e) => {
          setPan(null);
          if (!drag) return;
          const end = fractionAt(e.clientX);
          setDrag(null);
          if (Math.abs(end - drag[0]) > 0.002) onViewRange(drag[0], end);
        }}
        onDoubleClick={() => onViewRange(0, 1)}
        data-testid="minimap-range"
      >
        <canvas ref={canvasRef} className="absolute inset-0 h-full w-full" />
        <div className="pointer-events-none absolute inset-y-0 left-0 bg-slate-900/10" style={{ width: `${shown[0] * 100}%` }} />
        <div className="pointer-events-none absolute inset-y-0 right-0 bg-slate-900/10" style={{ width: `${(1 - shown[1]) * 100}%` }} />
        <div
          className={`pointer-events-none absolute inset-y-0 border-x-2 border-sky-600 ${zoomed ? 'bg-sky-500/5' : ''}`}
          style={{ left: `${shown[0] * 100}%`, width: `${(shown[1] - shown[0]) * 100}%` }}
        />
      </div>
    </div>
  );
}
