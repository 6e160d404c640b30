import { useCallback, useMemo, useState } from 'react';
import { revealSpan } from '@/lib/view/trace/collapse-levels';
import { generateRows } from '@/lib/view/trace/generate-rows';
import type { Trace, TraceSpan } from '@/lib/view/trace/trace-model';
import { clampViewRange, type ViewRange } from '@/lib/view/trace/view-bounds';

/** Collapsed spans, the visible rows derived from them, and the zoomed view range; `keep` limits the rows (see generateRows). */
export const useTimelineState = (trace: Trace, keep?: ReadonlySet<string>) => {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [viewRange, setViewRangeRaw] = useState<ViewRange>([0, 1]);
  const rows = useMemo(() => generateRows(trace.spans, collapsed, keep), [trace, collapsed, keep]);
  const rowIndex = useMemo(() => new Map(rows.map((r, i) => [r.spanId, i])), [rows]);

  const toggle = useCallback((spanId: string) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (!next.delete(spanId)) next.add(spanId);
      return next;
    });
  }, []);
  const setOne = useCallback((spanId: string, shut: boolean) => {
    setCollapsed((prev) => {
      if (prev.has(spanId) === shut) return prev;
      const next = new Set(prev);
      if (shut) next.add(spanId);
      else next.delete(spanId);
      return next;
    });
  }, []);
  const reveal = useCallback((span: TraceSpan) => setCollapsed((prev) => revealSpan(trace.spans, span, prev)), [trace]);
  const setViewRange = useCallback((a: number, b: number) => setViewRangeRaw(clampViewRange(a, b)), []);

  return { collapsed, setCollapsed, toggle, setOne, reveal, rows, rowIndex, viewRange, setViewRange };
};

export type TimelineState = ReturnType<typeof useTimelineState>;
