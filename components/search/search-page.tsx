'use client';

import { DEFAULT_SEARCH_STATE, toQueryParams, type SearchState } from '@/lib/api/pages/search-state';
import { useRefreshSearch, useTraceSearch } from '@/lib/client/search-queries';
import { FetchError } from '@/lib/client/fetch-json';
import { SearchForm } from './search-form';
import { SearchResults } from './search-results';
import { TraceqlBox } from './traceql-box';
import { formAsTraceql } from './form-as-traceql';
import { useSearchState } from './use-search-state';
import { useIgnoredSearchInput } from './use-ignored-search-input';
import { IgnoredInputNotice } from '@/components/ui/ignored-input-notice';

/** The search page: the form on the left, the scatter plot and the result list on the right; all state in the URL. */
export function SearchPage() {
  const [state, setState] = useSearchState();
  const search = useTraceSearch(state);
  const ignored = useIgnoredSearchInput(state);
  const refresh = useRefreshSearch();
  const submit = (next: SearchState) => {
    refresh(next); // a submitted search is always asked again, even the one on screen
    setState(next);
  };
  const fieldError = search.error instanceof FetchError && search.error.param && search.error.param !== 'q' ? search.error : undefined;
  const queryError = search.error instanceof FetchError && search.error.param === 'q' ? { message: search.error.message } : undefined;
  return (
    <div className="mx-auto grid max-w-screen-2xl gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
      <aside className="lg:sticky lg:top-4 lg:self-start">
        {/* re-mounted when the URL's criteria change (Back, a shared link), so the form shows what was searched */}
        <SearchForm
          key={toQueryParams({ ...state, sort: DEFAULT_SEARCH_STATE.sort }).toString()}
          state={state}
          onSubmit={(next) => submit({ ...next, q: '' })}
          serverError={fieldError ? { param: fieldError.param!, message: fieldError.message } : undefined}
          searching={search.isFetching}
        />
      </aside>
      <section className="min-w-0">
        <div className="mb-3 empty:hidden"><IgnoredInputNotice messages={ignored} testId="ignored-input" /></div>
        {/* the query searched, or the form's criteria written as TraceQL to refine */}
        <TraceqlBox key={`${state.q}|${toQueryParams(state).toString()}`} query={state.q || (formAsTraceql(state) ?? '')}
          onRun={(q) => submit({ ...state, q })} formQuery={() => formAsTraceql(state)} serverError={queryError} searching={search.isFetching} />
        <SearchResults state={state} search={search} onStateChange={setState} />
      </section>
    </div>
  );
}
