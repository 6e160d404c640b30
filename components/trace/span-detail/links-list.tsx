import Link from 'next/link';
import { useTraceLinks } from '@/lib/client/trace-links-queries';
import type { TraceSpan } from '@/lib/view/trace/trace-model';
import { AttributesTable } from './attributes-table';
import { LinkTarget } from './link-target';

// A span's links, each opening the linked trace at the linked span, named by the linked span's
// service and operation when the store has it (from the trace's links answer).
export function LinksList({ traceId, span }: { traceId: string; span: TraceSpan }) {
  const { data } = useTraceLinks(traceId);
  if (span.links.length === 0) return <p className="text-xs text-slate-500">none</p>;
  const named = (t: string, s: string) => data?.outgoing.find((l) => l.spanId === span.spanId && l.traceId === t && l.linkedSpanId === s);
  return (
    <ul className="space-y-2" data-testid="span-links">
      {span.links.map((l, i) => (
        <li key={i} className="rounded border border-slate-200 p-2 text-xs">
          <Link href={`/trace/${l.t}?span=${l.s}`} className="text-sky-700 hover:underline" data-testid="span-link">
            <LinkTarget traceId={l.t} spanId={l.s} name={named(l.t, l.s)} pending={!data} />
          </Link>
          {l.ts && <p className="mt-1 font-mono text-slate-500">tracestate: {l.ts}</p>}
          {l.a && <AttributesTable attributes={l.a} testId="link-attributes" />}
        </li>
      ))}
    </ul>
  );
}
