import type { RefObject } from 'react';
import { collapseAll, collapseOneLevel, expandOneLevel } from '@/lib/view/trace/collapse-levels';
import type { Trace } from '@/lib/view/trace/trace-model';
import type { TimelineState } from '@/components/trace/timeline/use-timeline-state';
import type { TraceFind } from './use-trace-find';

type TraceToolbarProps = {
  trace: Trace;
  timeline: TimelineState;
  find: TraceFind;
  findRef: RefObject<HTMLInputElement | null>;
  onFindStep: (delta: number) => void;
  /** show only the matches and their ancestors */
  matchesOnly: boolean;
  onMatchesOnly: (on: boolean) => void;
};

const btn = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-40';

// Find within the trace (count, previous/next) and the collapse/expand controls.
export function TraceToolbar({ trace, timeline, find, findRef, onFindStep, matchesOnly, onMatchesOnly }: TraceToolbarProps) {
  const { rows, collapsed, setCollapsed } = timeline;
  const count = find.matches.length;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div className="flex min-w-0 items-center gap-1">
        <input
          ref={findRef}
          type="search"
          aria-label="Find in trace"
          placeholder="Find: text, key=value, status:error, kind:client, duration>100ms"
          value={find.query}
          onChange={(e) => find.setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onFindStep(e.shiftKey ? -1 : 1);
            } else if (e.key === 'Escape') {
              // a search input clears itself on Escape; here Escape only leaves the box, so the
              // matches stay and n / N keep stepping through them (use-trace-keyboard.ts blurs)
              e.preventDefault();
            }
          }}
          className="h-7 w-full min-w-0 rounded-md sm:w-80 border border-slate-300 bg-white px-2 text-sm focus:border-sky-500 focus:outline-none"
          data-testid="find-input"
        />
        <span className="min-w-16 text-center text-xs tabular-nums text-slate-600" data-testid="find-count">
          {find.query.trim() ? `${find.currentIndex >= 0 ? find.currentIndex + 1 : 0} / ${count}` : ''}
        </span>
        <button type="button" className={btn} disabled={count === 0} onClick={() => onFindStep(-1)} aria-label="Previous match" data-testid="find-prev">
          ↑
        </button>
        <button type="button" className={btn} disabled={count === 0} onClick={() => onFindStep(1)} aria-label="Next match" data-testid="find-next">
          ↓
        </button>
        <button type="button" className={`${btn} aria-pressed:border-sky-500 aria-pressed:bg-sky-50`} disabled={count === 0 && !matchesOnly} aria-pressed={matchesOnly} onClick={() => onMatchesOnly(!matchesOnly)}
          title="Show only the matching spans and the spans above them" data-testid="find-only">
          Matches only
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-1 sm:ml-auto">
        <button type="button" className={btn} onClick={() => setCollapsed(new Set())} data-testid="expand-all">
          Expand all
        </button>
        <button type="button" className={btn} onClick={() => setCollapsed(expandOneLevel(rows, collapsed))} data-testid="expand-one">
          Expand one level
        </button>
        <button type="button" className={btn} onClick={() => setCollapsed(collapseOneLevel(rows, collapsed))} data-testid="collapse-one">
          Collapse one level
        </button>
        <button type="button" className={btn} onClick={() => setCollapsed(collapseAll(trace.spans))} data-testid="collapse-all">
          Collapse all
        </button>
      </div>
    </div>
  );
}
