import { formatDurationUs } from '@/lib/view/format/format-duration';
import type { TraceSpan } from '@/lib/view/trace/trace-model';
import { AttributesTable } from './attributes-table';

// A span's events: name, time from the span's start, attributes.
export function EventsList({ span }: { span: TraceSpan }) {
  if (span.events.length === 0) return <p className="text-xs text-slate-500">none</p>;
  return (
    <ol className="space-y-2" data-testid="span-events">
      {span.events.map((e, i) => (
        <li key={i} className="rounded border border-slate-200 p-2" data-testid="span-event">
          <div className="mb-1 flex justify-between text-xs">
            <span className="font-medium" data-testid="event-name">{e.n}</span>
            <span className="text-slate-500 tabular-nums">+{formatDurationUs(e.t - span.startUs)}</span>
          </div>
          <AttributesTable attributes={e.a} testId="event-attributes" />
        </li>
      ))}
    </ol>
  );
}
