// The trace's full-fidelity OTLP JSON (api_v3), to read in the browser or save.
export function TraceJsonLinks({ traceId }: { traceId: string }) {
  const href = `/api/v3/traces/${traceId}`;
  const cls = 'rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium hover:bg-slate-100';
  return (
    <>
      <a href={href} target="_blank" rel="noreferrer" className={cls} data-testid="trace-json-view">
        View JSON
      </a>
      <a href={href} download={`trace-${traceId}.json`} className={cls} data-testid="trace-json-download">
        Download JSON
      </a>
    </>
  );
}
