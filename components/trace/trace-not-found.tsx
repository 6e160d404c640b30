import type { TraceLookup } from '@/lib/model/parse-trace-lookup';

type TraceNotFoundProps = { text: string; lookup: TraceLookup };

// Shown for /trace/{id} when no stored span matches: the id looked for, and why it may be missing.
export function TraceNotFound({ text, lookup }: TraceNotFoundProps) {
  const recognised = lookup.traceIds.length + lookup.spanIds.length > 0;
  return (
    <div className="mx-auto max-w-2xl space-y-4 py-8" data-testid="trace-not-found">
      <h1 className="text-2xl font-semibold">Trace not found</h1>
      <div className="rounded-md border border-slate-200 bg-white p-4 text-sm">
        <p className="text-slate-600">Looked for</p>
        <p className="mt-1 break-all font-mono text-base" data-testid="not-found-id">
          {text}
        </p>
        {recognised ? (
          <ul className="mt-3 space-y-1 font-mono text-xs text-slate-600">
            <li>read as: {lookup.format}</li>
            {lookup.traceIds.map((id) => (
              <li key={`t${id}`}>trace id {id}</li>
            ))}
            {lookup.spanIds.map((id) => (
              <li key={`s${id}`}>span id {id}</li>
            ))}
          </ul>
        ) : (
          <p className="mt-3 text-amber-700">
            This does not look like a trace id: expected 32 or 16 hex characters, a traceparent, B3, uber-trace-id or X-Ray
            header.
          </p>
        )}
      </div>
      <div className="text-sm text-slate-700">
        <p className="font-medium">It may be missing because</p>
        <ul className="mt-2 list-disc space-y-1 pl-5" data-testid="not-found-reasons">
          <li>
            <b>it has not arrived yet</b>: exporters batch spans and send them every few seconds; try again shortly.
          </li>
          <li>
            <b>it is outside retention</b>: spans older than the retention window (RETENTION_DAYS) are deleted.
          </li>
          <li>
            <b>it is the wrong id</b>: a request id or a span id from another system, or a trace that was never sampled or
            exported here.
          </li>
        </ul>
      </div>
    </div>
  );
}
