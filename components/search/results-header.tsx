import { formatMatchCount } from '@/lib/view/format/format-match-count';
import { formatTimestamp } from '@/lib/view/format/format-time';
import { SORT_KEYS, type SearchState, type SortKey } from '@/lib/api/pages/search-state';
import { EXACT_TOTAL_LIMIT } from '@/lib/model/trace-order';
import { inputClass } from '@/components/ui/field';

const SORT_LABELS: Record<SortKey, string> = {
  newest: 'Most recent', oldest: 'Oldest', longest: 'Longest first', shortest: 'Shortest first',
  'most-spans': 'Most spans', 'most-errors': 'Most errors',
};

type ResultsHeaderProps = {
  /** traces listed so far */
  shown: number;
  /** matching traces in all */
  total: number;
  totalIsEstimate: boolean;
  window: { startMs: number; endMs: number };
  state: SearchState;
  onSortChange: (sort: SortKey) => void;
};

/** "1,284 traces match, showing 1–40 · from … to …" and the sort order, which the server applies to every match. */
export function ResultsHeader({ shown, total, totalIsEstimate, window, state, onSortChange }: ResultsHeaderProps) {
  const zone = state.tz === 'utc' ? 'UTC' : 'local time';
  const count = formatMatchCount(total, totalIsEstimate, shown);
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-600">
        <span className="text-lg font-semibold text-slate-900" data-testid="result-count"
          title={totalIsEstimate ? `An estimate: beyond ${EXACT_TOTAL_LIMIT.toLocaleString('en-US')} matches the total is not counted exactly` : undefined}>
          {count.total}
        </span>
        {count.showing !== '' && <span data-testid="result-showing">, {count.showing}</span>}
        <span className="block sm:ml-2 sm:inline">
          {formatTimestamp(window.startMs, state.tz).slice(0, 19)} → {formatTimestamp(window.endMs, state.tz).slice(0, 19)} ({zone})
        </span>
      </p>
      <label className="flex items-center gap-2 text-sm text-slate-600">
        Sort
        <select className={`${inputClass} w-40`} data-testid="sort-select" value={state.sort}
          onChange={(e) => onSortChange(e.target.value as SortKey)}>
          {SORT_KEYS.map((k) => <option key={k} value={k}>{SORT_LABELS[k]}</option>)}
        </select>
      </label>
    </div>
  );
}
