import { formatTimestamp } from '@/lib/view/format/format-time';
import { SORT_KEYS, type SearchState, type SortKey } from '@/lib/api/pages/search-state';
import { inputClass } from '@/components/ui/field';

const SORT_LABELS: Record<SortKey, string> = {
  newest: 'Most recent', oldest: 'Oldest', longest: 'Longest first', shortest: 'Shortest first',
  'most-spans': 'Most spans', 'most-errors': 'Most errors',
};

type ResultsHeaderProps = {
  count: number;
  window: { startMs: number; endMs: number };
  state: SearchState;
  onSortChange: (sort: SortKey) => void;
};

/** "12 traces · from … to …" and the sort order. */
export function ResultsHeader({ count, window, state, onSortChange }: ResultsHeaderProps) {
  const zone = state.tz === 'utc' ? 'UTC' : 'local time';
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-600">
        <span className="text-lg font-semibold text-slate-900" data-testid="result-count">
          {count} {count === 1 ? 'trace' : 'traces'}
        </span>
        <span className="ml-2">
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
