'use client';

import { FetchError } from '@/lib/client/fetch-json';
import { useTrace } from '@/lib/client/trace-queries';
import { TraceWorkspace } from './trace-workspace';

type TraceLoaderProps = { traceId: string };

// The trace page's client root: loads the trace (built once into the query cache) and hands the
// read-only Trace to the workspace.
export function TraceLoader({ traceId }: TraceLoaderProps) {
  const { data: trace, error, isPending } = useTrace(traceId);
  if (isPending) {
    return (
      <div className="space-y-3" data-testid="trace-loading">
        <div className="h-8 w-1/3 animate-pulse rounded bg-slate-200" />
        <div className="h-16 animate-pulse rounded bg-slate-200" />
        <div className="h-96 animate-pulse rounded bg-slate-100" />
      </div>
    );
  }
  if (error) {
    const gone = error instanceof FetchError && error.status === 404;
    return (
      <div className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800" data-testid="trace-error">
        {gone ? `Trace ${traceId} is no longer stored.` : `Could not load trace ${traceId}: ${error.message}`}
      </div>
    );
  }
  return <TraceWorkspace trace={trace} />;
}
