import { env } from '@/lib/env';
import { pagesRoute } from '@/lib/api/routes';
import { parseSearchState } from '@/lib/api/pages/search-state';
import { toSearchWindow } from '@/lib/api/pages/to-trace-query';
import { searchTracePage } from '@/lib/api/pages/search-trace-page';

// GET /api/ui/search?service=&operation=&tags=<logfmt>&lookback=|start=&end=&minDuration=&maxDuration=
//   &traceMinDuration=&traceMaxDuration=&rootService=&rootOperation=&sort=&limit=&pageToken=&q=<TraceQL>
// – the search page's query (the same parameters as the page URL): one page of trace hits in the
// page's sort, over every match; the absolute window searched (so the scatter plot's time axis
// matches, and "Load more" sends it back with the token); nextPageToken, total, totalIsEstimate.
// With q (TraceQL) the query is the search, in the page's window, sort and size; a q that does not
// parse is a 400 {"error":{"message","param":"q","position":{start,end}}}
export const GET = pagesRoute(async (req) => {
  const params = new URL(req.url).searchParams;
  const state = parseSearchState(params, { strict: true });
  const window = toSearchWindow(state, Date.now(), env().RETENTION_DAYS);
  const pageToken = params.get('pageToken') ?? '';
  const q = params.get('q') ?? '';
  return Response.json(await searchTracePage({ state, window, ...(pageToken !== '' && { pageToken }), ...(q.trim() !== '' && { q }) }));
});

export const dynamic = 'force-dynamic';
