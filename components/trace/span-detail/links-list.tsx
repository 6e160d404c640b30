import Link from 'next/link';
import type { TraceSpan } from '@/lib/view/trace/trace-model';
import { AttributesTable } from './attributes-table';

// A span's links, each opening the linked trace at the linked span.
export function LinksList({ span }: { span: TraceSpan }) {
  if (span.links.length === 0) return <p className="text-xs text-slate-500">none</p>;
  return (
    <ul className="space-y-2" data-testid="span-links">
      {span.links.map((l, i) => (
        <li key={i} className="rounded border border-slate-200 p-2 text-xs">
          <Link href={`/trace/${l.t}?span=${l.s}`} className="font-mono text-sky-700 hover:underline" data-testid="span-link">
            {l.t} / {l.s}
          </Link>
          {l.ts && <p className="mt-1 font-mono text-slate-500">tracestate: {l.ts}</p>}
          {l.a && <AttributesTable attributes={l.a} testId="link-attributes" />}
        </li>
      ))}
    </ul>
  );
}
