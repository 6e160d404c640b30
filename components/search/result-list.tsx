import type { TimeZoneMode } from '@/lib/view/format/format-time';
import type { TraceHit } from '@/lib/api/pages/trace-hit';
import { ResultItem } from './result-item';

/** The result rows; each duration bar is relative to the longest trace shown. */
export function ResultList({ traces, tz }: { traces: TraceHit[]; tz: TimeZoneMode }) {
  const longestUs = Math.max(...traces.map((t) => t.durationUs), 1);
  const nowMs = Date.now();
  return (
    <ol className="space-y-2" data-testid="result-list">
      {traces.map((hit) => (
        <li key={hit.traceId}>
          <ResultItem hit={hit} longestUs={longestUs} tz={tz} nowMs={nowMs} />
        </li>
      ))}
    </ol>
  );
}
