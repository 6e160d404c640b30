import { useWindowVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { useLayoutEffect, useRef, useState } from 'react';
import type { TimeZoneMode } from '@/lib/view/format/format-time';
import { comparePath } from '@/lib/view/compare/compare-pair';
import type { TraceHit } from '@/lib/api/pages/trace-hit';
import { ResultItem } from './result-item';
import { RESULT_ROW_HEIGHT } from './result-sizes';

/** Up to this many rows are plain DOM (cheap, and the browser's own find sees them all); beyond, only the rows in view are. */
export const VIRTUALIZE_FROM = 100;
const ROW_GAP = 8;

type RowProps = { hit: TraceHit; longestUs: number; tz: TimeZoneMode; nowMs: number; picked: boolean; onPick: (traceId: string) => void };

function ResultRow({ hit, longestUs, tz, nowMs, picked, onPick }: RowProps) {
  return (
    <>
      <label className="flex shrink-0 cursor-pointer items-center px-1" title="Pick two traces to compare them">
        <input
          type="checkbox"
          className="size-4 accent-sky-600"
          checked={picked}
          onChange={() => onPick(hit.traceId)}
          aria-label={`Pick trace ${hit.traceId.slice(0, 7)} to compare`}
          data-testid="result-pick"
        />
      </label>
      <div className="min-w-0 flex-1">
        <ResultItem hit={hit} longestUs={longestUs} tz={tz} nowMs={nowMs} />
      </div>
    </>
  );
}

type ListProps = { traces: TraceHit[]; row: (hit: TraceHit) => React.ReactNode };

function PlainList({ traces, row }: ListProps) {
  return (
    <ol className="space-y-2" data-testid="result-list">
      {traces.map((hit) => (
        <li key={hit.traceId} className="flex items-stretch gap-2">
          {row(hit)}
        </li>
      ))}
    </ol>
  );
}

// Only the rows near the viewport are in the DOM, positioned inside a list as tall as all of them,
// so 1,500 results are as quick to sort and scroll as 15; the window stays the scroller (Back
// restores window.scrollY, see use-scroll-memory.ts).
function VirtualList({ traces, row }: ListProps) {
  const listRef = useRef<HTMLOListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    if (listRef.current) setScrollMargin(listRef.current.getBoundingClientRect().top + window.scrollY);
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: traces.length,
    estimateSize: () => RESULT_ROW_HEIGHT + ROW_GAP,
    overscan: 6,
    scrollMargin,
    getItemKey: (i) => traces[i].traceId,
  });
  return (
    <ol ref={listRef} className="relative" style={{ height: virtualizer.getTotalSize() }} data-testid="result-list" data-virtual="true"
>
      {virtualizer.getVirtualItems().map((item) => (
        <li
          key={item.key}
          data-index={item.index}
          ref={virtualizer.measureElement}
          aria-setsize={traces.length}
          aria-posinset={item.index + 1}
          className="absolute top-0 left-0 flex w-full items-stretch gap-2"
          style={{ transform: `translateY(${item.start - scrollMargin}px)`, paddingBottom: ROW_GAP }}
        >
          {row(traces[item.index])}
        </li>
      ))}
    </ol>
  );
}

/** The result rows; each duration bar is relative to the longest trace shown. Two picked rows can be compared. */
export function ResultList({ traces, tz }: { traces: TraceHit[]; tz: TimeZoneMode }) {
  let longestUs = 1;
  for (const t of traces) if (t.durationUs > longestUs) longestUs = t.durationUs; // no spread: 1,500 arguments
  const nowMs = Date.now();
  // the two latest picks: picking a third lets go of the first
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (traceId: string) =>
    setPicked((prev) => (prev.includes(traceId) ? prev.filter((id) => id !== traceId) : [...prev, traceId].slice(-2)));
  const row = (hit: TraceHit) => (
    <ResultRow hit={hit} longestUs={longestUs} tz={tz} nowMs={nowMs} picked={picked.includes(hit.traceId)} onPick={toggle} />
  );
  return (
    <>
      {traces.length < VIRTUALIZE_FROM ? <PlainList traces={traces} row={row} /> : <VirtualList traces={traces} row={row} />}
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
