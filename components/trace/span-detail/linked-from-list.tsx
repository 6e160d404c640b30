import Link from 'next/link';
import { useTraceLinks } from '@/lib/client/trace-links-queries';
import type { TraceSpan } from '@/lib/view/trace/trace-model';
import { LinkTarget } from './link-target';

// The other side of span links: spans of other traces that link to this span, each opening the
// linking trace with the linking span selected.
export function LinkedFromList({ traceId, span }: { traceId: string; span: TraceSpan }) {
  const { data, isPending, error } = useTraceLinks(traceId);
  if (isPending) return <p className="text-xs text-slate-500">looking…</p>;
  if (error) return <p className="text-xs text-red-600">could not load: {error.message}</p>;
  const incoming = data.incoming.filter((l) => l.linkedSpanId === span.spanId);
  if (incoming.length === 0) return <p className="text-xs text-slate-500" data-testid="linked-from-none">none</p>;
  return (
    <ul className="space-y-1" data-testid="linked-from">
      {incoming.map((l) => (
        <li key={`${l.traceId}/${l.spanId}`} className="rounded border border-slate-200 p-2 text-xs">
          <Link href={`/trace/${l.traceId}?span=${l.spanId}`} className="text-sky-700 hover:underline" data-testid="linked-from-link">
            <LinkTarget traceId={l.traceId} spanId={l.spanId} name={l} pending={false} />
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** How many spans of other traces link to this span, for the section title ('' while unknown). */
export function useLinkedFromCount(traceId: string, spanId: string): string {
  const { data } = useTraceLinks(traceId);
  return data ? String(data.incoming.filter((l) => l.linkedSpanId === spanId).length) : '…';
}
