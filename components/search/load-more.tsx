import type { TraceSearch } from '@/lib/client/search-queries';

/** "Load more" under the list while the server has more matches; a failed page says why and can be retried. */
export function LoadMore({ search }: { search: TraceSearch }) {
  if (!search.hasNextPage) return null;
  const loading = search.isFetchingNextPage;
  return (
    <div className="flex flex-col items-center gap-2">
      {search.isFetchNextPageError && (
        <p role="alert" className="text-sm text-red-700" data-testid="load-more-error">
          {search.error?.message}
        </p>
      )}
      <button type="button" data-testid="load-more" disabled={loading} onClick={() => void search.fetchNextPage()}
        className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-700 shadow-xs hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-500/40 focus-visible:outline-none disabled:opacity-60 sm:w-auto">
        {loading ? 'Loading…' : 'Load more'}
      </button>
    </div>
  );
}
