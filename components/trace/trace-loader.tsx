'use client';

import { useState } from 'react';
import { FetchError, isUnreachable } from '@/lib/client/fetch-json';
import { useTrace, type TraceLoadProgress } from '@/lib/client/trace-queries';
import { TraceWorkspace } from './trace-workspace';

type TraceLoaderProps = { traceId: string };

const count = new Intl.NumberFormat('en-US');

/** "Loading 100,000 spans… 4.2 MB received", then "Laying out 100,000 spans…". */
const progressLine = (p: TraceLoadProgress | undefined) => {
  if (!p) return 'Loading the trace…';
  const spans = p.spanCount === undefined ? 'the trace' : `${count.format(p.spanCount)} ${p.spanCount === 1 ? 'span' : 'spans'}`;
  if (p.phase === 'building') return `Laying out ${spans}…`;
  return `Loading ${spans}…${p.receivedBytes > 0 ? ` ${(p.receivedBytes / 1e6).toFixed(1)} MB received` : ''}`;
};

// The trace page's client root: loads the trace (built once into the query cache), says how far
// loading is, and hands the read-only Trace to the workspace.
export function TraceLoader({ traceId }: TraceLoaderProps) {
  const [progress, setProgress] = useState<TraceLoadProgress>();
  const { data: trace, error, isPending } = useTrace(traceId, setProgress);
  if (isPending) {
    return (
      <div className="space-y-3" data-testid="trace-loading" aria-busy="true">
        <p role="status" className="text-sm text-slate-600" data-testid="trace-progress">
          {progressLine(progress)}
        </p>
        <div className="h-8 w-1/3 animate-pulse rounded bg-slate-200" />
        <div className="h-16 animate-pulse rounded bg-slate-200" />
        <div className="h-96 animate-pulse rounded bg-slate-100" />
      </div>
    );
  }
  if (error) {
    const gone = error instanceof FetchError && error.status === 404;
    return (
      <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800" data-testid="trace-error">
        {gone ? `Trace ${traceId} is no longer stored.` : isUnreachable(error) ? error.message : `Could not load trace ${traceId}: ${error.message}`}
      </div>
    );
  }
  return <TraceWorkspace trace={trace} />;
}
