import type { UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { TSearchResponse } from '@/lib/client/schemas';
import { sortTraceHits } from '@/lib/view/sort-trace-hits';
import type { SearchState } from '@/lib/api/pages/search-state';
import { DurationScatter } from './duration-scatter';
import { ResultList } from './result-list';
import { ResultsHeader } from './results-header';
import { ResultsSkeleton } from './results-skeleton';
import { SearchMessage } from './search-message';

type SearchResultsProps = {
  state: SearchState;
  search: UseQueryResult<TSearchResponse>;
  onStateChange: (next: SearchState) => void;
};

/** The scatter plot and the list of one search, with its loading, error and empty states. */
export function SearchResults({ state, search, onStateChange }: SearchResultsProps) {
  const traces = search.data?.traces;
  const sorted = useMemo(() => (traces ? sortTraceHits(traces, state.sort) : []), [traces, state.sort]);

  if (search.isPending) return <ResultsSkeleton />;
  if (search.isError) {
    return (
      <SearchMessage testId="search-error" tone="error" title="The search failed">
        {search.error.message}
      </SearchMessage>
    );
  }
  const { window } = search.data;
  return (
    <div className={`space-y-4 transition-opacity ${search.isPlaceholderData ? 'opacity-60' : ''}`} data-testid="search-results" aria-busy={search.isFetching}>
      <ResultsHeader count={sorted.length} window={window} state={state} onSortChange={(sort) => onStateChange({ ...state, sort })} />
      {sorted.length === 0 ? (
        <SearchMessage testId="search-empty" title="No traces found">
          Nothing matched in this time range. Try a longer range, fewer attributes, or a wider duration.
        </SearchMessage>
      ) : (
        <>
          <DurationScatter traces={sorted} window={window} tz={state.tz} />
          <ResultList traces={sorted} tz={state.tz} />
        </>
      )}
    </div>
  );
}
