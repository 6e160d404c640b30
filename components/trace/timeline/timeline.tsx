import { useMemo, useRef, type CSSProperties } from 'react';
import { ResizeHandle } from '@/components/trace/resize-handle';
import { useStoredWidth } from '@/components/trace/use-stored-width';
import type { CriticalInterval } from '@/lib/view/trace/critical-path-view';
import type { ErrorPaths } from '@/lib/view/trace/error-paths';
import type { Trace, TraceSpan } from '@/lib/view/trace/trace-model';
import { createViewBounds } from '@/lib/view/trace/view-bounds';
import { NAME_COLUMN_WIDTH } from './span-bar-row';
import { TimeTicks } from './time-ticks';
import { TimelineRows } from './timeline-rows';
import type { TimelineState } from './use-timeline-state';

type TimelineProps = {
  trace: Trace;
  timeline: TimelineState;
  selectedId: string;
  matchIds: ReadonlySet<string>;
  currentMatchId: string | undefined;
  scrollTarget: { spanId: string; seq: number } | undefined;
  onRowClick: (span: TraceSpan) => void;
  critical?: ReadonlyMap<string, readonly CriticalInterval[]>;
  errors?: ErrorPaths;
};

const NAME_MIN_PX = 160;
const NAME_MAX_PX = 900;

// The span tree beside its bars: a header with the zoomed window's ticks over virtualized rows.
// The name column's right edge in the header drags (or, focused, takes ←/→) to resize it; the
// width is remembered.
export function Timeline({ trace, timeline, ...rest }: TimelineProps) {
  const { viewRange } = timeline;
  const bounds = useMemo(() => createViewBounds({ durationUs: trace.durationUs, range: viewRange }), [trace, viewRange]);
  const [nameWidth, setNameWidth, resetNameWidth] = useStoredWidth('name-column', NAME_MIN_PX, NAME_MAX_PX);
  const nameHeader = useRef<HTMLDivElement>(null);
  const style = nameWidth === undefined ? undefined : ({ '--name-col': `${nameWidth}px` } as CSSProperties);
  return (
    <div className="flex min-w-0 flex-1 flex-col overflow-hidden rounded-md border border-slate-200 bg-white" style={style} data-testid="timeline">
      <div className="flex h-6 shrink-0 border-b border-slate-200 bg-slate-50 text-xs">
        <div ref={nameHeader} className="relative shrink-0 truncate border-r border-slate-200 px-2 leading-6 font-medium text-slate-600" style={{ width: NAME_COLUMN_WIDTH }}>
          Service &amp; operation <span className="font-normal text-slate-500">({timeline.rows.length.toLocaleString('en-US')} rows)</span>
          <ResizeHandle label="Resize the name column" value={nameWidth} width={() => nameHeader.current?.getBoundingClientRect().width ?? 380}
            min={NAME_MIN_PX} max={NAME_MAX_PX} onResize={setNameWidth} onReset={resetNameWidth} className="absolute top-0 right-0 h-full w-1.5" testId="name-column-resize" />
        </div>
        <div className="relative flex-1 overflow-hidden">
          <TimeTicks fromUs={viewRange[0] * trace.durationUs} toUs={viewRange[1] * trace.durationUs} />
        </div>
      </div>
      <TimelineRows timeline={timeline} bounds={bounds} {...rest} />
    </div>
  );
}
