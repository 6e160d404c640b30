import { useEffect, useRef, useState } from 'react';
import type { TServiceMetricsResponse } from '@/lib/client/schemas';
import { formatDurationUs } from '@/lib/view/format/format-duration';
import { formatClock } from '@/lib/view/format/format-time';
import { layoutServiceChart, LATENCY_SERIES } from '@/lib/view/services/layout-service-chart';
import { useTimeZone } from '@/components/layout/use-time-zone';

type ServiceChartProps = { series: TServiceMetricsResponse['series']; range: { startMs: number; endMs: number } };

const HEIGHT = 192;
const BOX = { left: 52, right: 36, top: 8, bottom: 20 };
const COLOURS = { p50: 'var(--chart-accent)', p95: 'var(--chart-warn)', p99: 'var(--chart-error)' } as const;

/**
 * Requests per bucket (bars, right axis) and p50/p95/p99 latency (lines, left axis) across the
 * window, in plain SVG (lib/view/services/layout-service-chart.ts says why); hovering a bucket
 * shows its figures.
 */
export function ServiceChart({ series, range }: ServiceChartProps) {
  const tz = useTimeZone();
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);
  const layout = width > 0 ? layoutServiceChart(series, range, { width, height: HEIGHT, ...BOX }) : undefined;
  return (
    <div data-testid="service-chart">
      <div ref={ref} style={{ height: HEIGHT }}>
        {layout && (
          <svg width={width} height={HEIGHT} role="img" aria-label="Requests and latency over the window" className="font-sans text-[10px]">
            {layout.latencyTicks.map((t) => (
              <g key={t.y}>
                <line x1={BOX.left} x2={width - BOX.right} y1={t.y} y2={t.y} stroke="var(--chart-grid)" strokeDasharray="3 3" />
                <text x={BOX.left - 4} y={t.y} textAnchor="end" dominantBaseline="central" fill="var(--chart-axis)">{formatDurationUs(t.us)}</text>
              </g>
            ))}
            {layout.requestTicks.map((t) => (
              <text key={t.y} x={width - BOX.right + 4} y={t.y} dominantBaseline="central" fill="var(--chart-axis)">{t.requests.toLocaleString('en')}</text>
            ))}
            {layout.timeTicks.map((t, i) => (
              <text key={t.ms} x={t.x} y={HEIGHT - 4} textAnchor={i === 0 ? 'start' : i === layout.timeTicks.length - 1 ? 'end' : 'middle'} fill="var(--chart-axis)">
                {formatClock(t.ms, tz).slice(0, 5)}
              </text>
            ))}
            {layout.bars.map((b) => (
              <rect key={b.bucket.bucketStartMs} x={b.x} y={b.y} width={b.width} height={b.height} fill="var(--chart-muted)" data-testid="chart-bar">
                <title>{`${formatClock(b.bucket.bucketStartMs, tz)}: ${b.bucket.requests.toLocaleString('en')} requests; p50 ${formatDurationUs(b.bucket.p50Us)}, p95 ${formatDurationUs(b.bucket.p95Us)}, p99 ${formatDurationUs(b.bucket.p99Us)}`}</title>
              </rect>
            ))}
            {LATENCY_SERIES.map((key) => (
              <polyline key={key} points={layout.lines[key]} fill="none" stroke={COLOURS[key]} strokeWidth={1.5} strokeLinejoin="round" data-testid="chart-line" data-series={key} />
            ))}
          </svg>
        )}
      </div>
      <p className="mt-1 flex justify-center gap-4 text-[11px] text-slate-600">
        {LATENCY_SERIES.map((key) => (
          <span key={key} className="flex items-center gap-1"><span className="inline-block h-0.5 w-3" style={{ background: COLOURS[key] }} />{key}</span>
        ))}
        <span className="flex items-center gap-1"><span className="inline-block size-2" style={{ background: 'var(--chart-muted)' }} />requests</span>
      </p>
    </div>
  );
}
