import { useIngestEndpoints } from '@/lib/client/ingest-queries';

/** What an empty store says: nothing has arrived yet, and where to send spans (the ports configured). */
export function EmptyStore({ testId }: { testId: string }) {
  const endpoints = useIngestEndpoints(true);
  return (
    <div role="status" data-testid={testId} className="rounded-lg border border-slate-200 bg-white px-6 py-8 text-sm text-slate-700">
      <p className="font-semibold">No spans have arrived yet</p>
      <p className="mt-1">Point an exporter at one of these and its traces show here within seconds:</p>
      <ul className="mt-3 space-y-1" data-testid="ingest-endpoints">
        {(endpoints.data ?? []).map((e) => (
          <li key={e.protocol} className="flex flex-wrap gap-x-3">
            <span className="w-40 shrink-0 text-slate-500">{e.protocol}</span>
            <code className="break-all">{e.address}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
