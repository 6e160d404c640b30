import { useMemo } from 'react';
import { useCriticalPath } from '@/lib/client/trace-analysis-queries';
import { toCriticalPathView, type CriticalPathView } from '@/lib/view/trace/critical-path-view';
import type { Trace } from '@/lib/view/trace/trace-model';

/** The trace's critical path from the server, in the timeline's terms; undefined while it loads. */
export const useCriticalPathView = (trace: Trace): { view: CriticalPathView | undefined; error: Error | null } => {
  const { data, error } = useCriticalPath(trace.traceId);
  const view = useMemo(() => (data ? toCriticalPathView(trace, data) : undefined), [trace, data]);
  return { view, error };
};
