import { spanKindWord, statusCodeName } from '@/lib/model/conventions';
import { formatDurationUs } from '@/lib/view/format/format-duration';
import { serviceColor } from '@/lib/view/format/service-color';
import type { Trace, TraceSpan } from '@/lib/view/trace/trace-model';
import { fetchWholeAttribute } from '@/lib/client/span-attribute-queries';
import { AttributesTable } from './attributes-table';
import { CopyButton } from './copy-button';
import { EventsList } from './events-list';
import { LinkedFromList, useLinkedFromCount } from './linked-from-list';
import { LinksList } from './links-list';

type SpanDetailPanelProps = { trace: Trace; span: TraceSpan; onClose: () => void; onSelect: (span: TraceSpan) => void };

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <section className="space-y-1">
    <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
    {children}
  </section>
);

// The selected span in a side panel (rows never change height): ids, timing, status, attributes,
// events, links, resource and scope.
export function SpanDetailPanel({ trace, span, onClose, onSelect }: SpanDetailPanelProps) {
  const parent = span.parentIndex >= 0 ? trace.spans[span.parentIndex] : undefined;
  const linkedFromCount = useLinkedFromCount(trace.traceId, span.spanId);
  return (
    // below 768 px the detail is a full-screen sheet over the timeline (its close button and Esc return)
    <aside className="fixed inset-0 z-40 flex w-full flex-col overflow-hidden bg-white md:static md:z-auto md:w-[30rem] md:shrink-0 md:rounded-md md:border md:border-slate-200" aria-label="Span detail" data-testid="span-detail">
      <div className="flex items-start gap-2 border-b border-slate-200 p-3">
        <span className="mt-1 h-3 w-3 shrink-0 rounded-sm" style={{ background: serviceColor(span.serviceName) }} />
        <div className="min-w-0 flex-1">
          <p className="text-xs text-slate-500">{span.serviceName}</p>
          <h2 className="break-words font-semibold" data-testid="span-detail-name">{span.name}</h2>
        </div>
        <button type="button" onClick={onClose} aria-label="Close span detail" className="rounded px-1.5 text-slate-500 hover:bg-slate-100" data-testid="span-detail-close">
          ✕
        </button>
      </div>
      <div className="flex-1 space-y-4 overflow-auto p-3">
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
          <dt className="text-slate-500">Span id</dt>
          <dd className="font-mono" data-testid="span-detail-id">{span.spanId} <CopyButton text={span.spanId} label="Copy span id" /></dd>
          <dt className="text-slate-500">Parent</dt>
          <dd className="font-mono">
            {parent ? (
              <button type="button" className="text-sky-700 hover:underline" onClick={() => onSelect(parent)}>{parent.spanId}</button>
            ) : span.orphan ? `${span.parentSpanId} (not in this trace)` : 'root'}
          </dd>
          <dt className="text-slate-500">Kind</dt>
          <dd>{spanKindWord(span.kind) ?? span.kind}</dd>
          <dt className="text-slate-500">Start</dt>
          <dd className="tabular-nums">+{formatDurationUs(span.startUs)}</dd>
          <dt className="text-slate-500">Duration</dt>
          <dd className="tabular-nums">{formatDurationUs(span.durationUs)}</dd>
          <dt className="text-slate-500">Status</dt>
          <dd className={span.isError ? 'font-medium text-red-600' : ''} data-testid="span-detail-status">
            {statusCodeName(span.statusCode)?.toLowerCase() ?? span.statusCode}{span.statusMessage ? `: ${span.statusMessage}` : ''}
          </dd>
          {span.traceState && (<><dt className="text-slate-500">Trace state</dt><dd className="break-all font-mono">{span.traceState}</dd></>)}
        </dl>
        <Section title="Attributes"><AttributesTable attributes={span.attributes} testId="span-attributes" wholeValueOf={(key) => fetchWholeAttribute(trace.traceId, span.spanId, key)} /></Section>
        <Section title={`Events (${span.events.length})`}><EventsList span={span} /></Section>
        <Section title={`Links (${span.links.length})`}><LinksList traceId={trace.traceId} span={span} /></Section>
        <Section title={`Linked from (${linkedFromCount})`}><LinkedFromList traceId={trace.traceId} span={span} /></Section>
        <Section title="Resource"><AttributesTable attributes={span.resource.attributes} testId="resource-attributes" /></Section>
        <Section title="Scope">
          <p className="font-mono text-xs" data-testid="span-scope">{span.scope.name || '(unnamed)'}{span.scope.version ? ` ${span.scope.version}` : ''}</p>
          {Object.keys(span.scope.attributes).length > 0 && <AttributesTable attributes={span.scope.attributes} testId="scope-attributes" />}
        </Section>
      </div>
    </aside>
  );
}
