import { env } from '@/lib/env';
import { pagesRoute } from '@/lib/api/routes';
import { parseSearchState } from '@/lib/api/pages/search-state';
import { toSearchWindow, toTraceQuery } from '@/lib/api/pages/to-trace-query';
import { searchTraceHits } from '@/lib/api/pages/search-trace-hits';

// GET /api/ui/search?service=&operation=&tags=<logfmt>&lookback=|start=&end=&minDuration=&maxDuration=&limit=
// – the search page's query (the same parameters as the page URL): trace hits newest first, and
// the absolute window searched, so the scatter plot's time axis matches the search
export const GET = pagesRoute(async (req) => {
  const state = parseSearchState(new URL(req.url).searchParams);
  const window = toSearchWindow(state, Date.now(), env().RETENTION_DAYS);
  const traces = await searchTraceHits({ query: toTraceQuery(state, window) });
  return Response.json({ traces, window });
});

export const dynamic = 'force-dynamic';
