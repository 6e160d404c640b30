import Link from 'next/link';
import { useState } from 'react';
import type { TimeZoneMode } from '@/lib/view/format/format-time';
import { comparePath } from '@/lib/view/compare/compare-pair';
import type { TraceHit } from '@/lib/api/pages/trace-hit';
import { ResultItem } from './result-item';

/** The result rows; each duration bar is relative to the longest trace shown. Two picked rows can be compared. */
export function ResultList({ traces, tz }: { traces: TraceHit[]; tz: TimeZoneMode }) {
  const longestUs = Math.max(...traces.map((t) => t.durationUs), 1);
  const nowMs = Date.now();
  // the two latest picks: picking a third lets go of the first
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (traceId: string) =>
    setPicked((prev) => (prev.includes(traceId) ? prev.filter((id) => id !== traceId) : [...prev, traceId].slice(-2)));
  return (
    <>
      <ol className="space-y-2" data-testid="result-list">
        {traces.map((hit) => (
          <li key={hit.traceId} className="flex items-stretch gap-2">
            <label className="flex shrink-0 cursor-pointer items-center px-1" title="Pick two traces to compare them">
              <input
                type="checkbox"
                className="size-4 accent-sky-600"
                checked={picked.includes(hit.traceId)}
                onChange={() => toggle(hit.traceId)}
                aria-label={`Pick trace ${hit.traceId.slice(0, 7)} to compare`}
                data-testid="result-pick"
              />
            </label>
            <div className="min-w-0 flex-1">
              <ResultItem hit={hit} longestUs={longestUs} tz={tz} nowMs={nowMs} />
            </div>
          </li>
        ))}
      </ol>
      {picked.length > 0 && (
        <div className="sticky bottom-3 z-10 mx-auto flex w-fit items-center gap-3 rounded-full border border-slate-200 bg-white px-4 py-2 text-sm shadow-lg" data-testid="compare-bar">
          {picked.length === 2 ? (
            <Link href={comparePath(picked[0], picked[1])} className="font-medium text-sky-700 hover:underline" data-testid="compare-picked">
              Compare the 2 picked traces
            </Link>
          ) : (
            <span className="text-slate-600">Pick one more trace to compare</span>
          )}
          <button type="button" className="text-xs text-slate-500 hover:underline" onClick={() => setPicked([])}>
            clear
          </button>
        </div>
      )}
    </>
  );
}
