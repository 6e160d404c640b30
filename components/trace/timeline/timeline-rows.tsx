import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { CriticalInterval } from '@/lib/view/trace/critical-path-view';
import type { ErrorPaths } from '@/lib/view/trace/error-paths';
import type { TraceSpan } from '@/lib/view/trace/trace-model';
import type { ViewBounds } from '@/lib/view/trace/view-bounds';
import { ROW_HEIGHT, SpanBarRow } from './span-bar-row';
import type { TimelineState } from './use-timeline-state';

type TimelineRowsProps = {
  timeline: TimelineState;
  bounds: ViewBounds;
  selectedId: string;
  matchIds: ReadonlySet<string>;
  currentMatchId: string | undefined;
  scrollTarget: { spanId: string; seq: number } | undefined;
  onRowClick: (span: TraceSpan) => void;
  /** where the trace failed: marks error origins and collapsed rows hiding a failure */
  errors?: ErrorPaths;
  /** critical-path sections by span id; undefined when not marked */
  critical?: ReadonlyMap<string, readonly CriticalInterval[]>;
};

/** Set once, when the first rows are on screen; e2e/bench/trace-paint.bench.ts reads it. */
export const FIRST_ROWS_MARK = 'spanscope:timeline-first-rows';

// Fixed-height rows, virtualized: only the rows in view (plus overscan) are in the DOM, so a
// 100,000-span trace renders as fast as a 50-span one.
export function TimelineRows({ timeline, bounds, selectedId, matchIds, currentMatchId, scrollTarget, onRowClick, critical, errors }: TimelineRowsProps) {
  const { rows, rowIndex, collapsed, toggle } = timeline;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();

  useEffect(() => {
    if (items.length === 0 || performance.getEntriesByName(FIRST_ROWS_MARK).length > 0) return;
    // after the frame that shows the rows: rAF runs before that paint, the task after it
    requestAnimationFrame(() => setTimeout(() => performance.mark(FIRST_ROWS_MARK), 0));
  }, [items.length]);

  useEffect(() => {
    if (!scrollTarget) return;
    const index = rowIndex.get(scrollTarget.spanId);
    if (index !== undefined) virtualizer.scrollToIndex(index, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollTarget, rowIndex]);

  return (
    <div ref={scrollRef} className="relative min-h-0 flex-1 overflow-auto" data-testid="timeline-rows" role="tree" aria-label="Spans">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const span = rows[item.index];
          return (
            <SpanBarRow
              key={span.spanId}
              span={span}
              top={item.start}
              bounds={bounds}
              collapsed={collapsed.has(span.spanId)}
              errorOrigin={errors?.origins.has(span.spanId) ?? false}
              failedBelow={errors?.failedBelow.has(span.spanId) ?? false}
              selected={span.spanId === selectedId}
              match={matchIds.has(span.spanId)}
              currentMatch={span.spanId === currentMatchId}
              critical={critical?.get(span.spanId)}
              onToggle={toggle}
              onClick={onRowClick}
            />
          );
        })}
      </div>
    </div>
  );
}
