import { useTraceLinks } from '@/lib/client/trace-links-queries';

// "Linked from 3 traces" in the trace header: how many other traces have a span linking into
// this one (a batch consumer's trace is linked from the producers'). Nothing when none do.
export function IncomingLinksBadge({ traceId }: { traceId: string }) {
  const { data } = useTraceLinks(traceId);
  if (!data || data.incoming.length === 0) return null;
  const traces = new Set(data.incoming.map((l) => l.traceId)).size;
  return (
    <span
      className="rounded-full border border-violet-200 bg-violet-50 px-2 py-0.5 text-xs font-medium text-violet-800"
      title="Spans of other traces link to spans of this one; open a span's detail to see which"
      data-testid="trace-incoming-links"
    >
      Linked from {traces.toLocaleString('en-US')}{data.incomingTruncated ? '+' : ''} {traces === 1 ? 'trace' : 'traces'}
    </span>
  );
}
