import { useMemo } from 'react';
import type { TraceSearch } from '@/lib/client/search-queries';
import { mergeTracePages } from '@/lib/view/merge-trace-pages';
import { toQueryParams, type SearchState } from '@/lib/api/pages/search-state';
import { isUnreachable } from '@/lib/client/fetch-json';
import { toBrushedSearch } from '@/lib/view/search/brushed-search';
import { DurationScatter } from './duration-scatter';
import { LoadMore } from './load-more';
import { ResultList } from './result-list';
import { ResultsHeader } from './results-header';
import { ResultsSkeleton } from './results-skeleton';
import { SearchMessage } from './search-message';
import { EmptyStore } from '@/components/ui/empty-store';
import { useServices } from '@/lib/client/search-queries';
import { useScrollMemory } from './use-scroll-memory';

type SearchResultsProps = {
  state: SearchState;
  search: TraceSearch;
  onStateChange: (next: SearchState) => void;
};

/** The scatter plot and the list of one search (every page loaded so far), with its loading, error and empty states. */
export function SearchResults({ state, search, onStateChange }: SearchResultsProps) {
  const pages = search.data?.pages;
  const traces = useMemo(() => (pages ? mergeTracePages(pages) : []), [pages]);
  // no service at all: nothing has ever arrived, so "try a longer range" would be the wrong advice
  const storeEmpty = useServices().data?.length === 0;
  // results from the cache (Back from a trace) are shown at once: put the scroll back where it was
  useScrollMemory(toQueryParams(state).toString(), search.isSuccess && !search.isPlaceholderData);

  if (search.isPending) return <ResultsSkeleton />;
  const failed = search.isError && !search.isFetchNextPageError;
  const failure = failed && (
    <SearchMessage testId="search-error" tone="error" title={isUnreachable(search.error) ? 'The server cannot be reached' : 'The search failed'}>
      {search.error.message}
      {search.isRefetchError && ' The results below are from before.'}
    </SearchMessage>
  );
  if (failed && !search.isRefetchError) return failure;
  const first = search.data.pages[0];
  const last = search.data.pages[search.data.pages.length - 1];
  return (
    <div className={`space-y-4 transition-opacity ${search.isPlaceholderData ? 'opacity-60' : ''}`} data-testid="search-results" aria-busy={search.isFetching}>
      {failure}
      <ResultsHeader shown={traces.length} total={last.total} totalIsEstimate={last.totalIsEstimate} window={first.window} state={state}
        onSortChange={(sort) => onStateChange({ ...state, sort })} />
      {traces.length === 0 && storeEmpty ? (
        <EmptyStore testId="search-empty-store" />
      ) : traces.length === 0 ? (
        <SearchMessage testId="search-empty" title="No traces found">
          Nothing matched in this time range. Try a longer range, fewer attributes, or a wider duration.
        </SearchMessage>
      ) : (
        <>
          <DurationScatter traces={traces} window={first.window} tz={state.tz} onBrush={(region) => onStateChange(toBrushedSearch(state, region))} />
          <ResultList traces={traces} tz={state.tz} />
          <LoadMore search={search} />
        </>
      )}
    </div>
  );
}
