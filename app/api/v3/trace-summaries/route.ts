import { jsonResponse } from '@/lib/api/json-response';
import { toApiTraceSummary } from '@/lib/api/jaeger/to-trace-summary';
import { v3Route } from '@/lib/api/routes';
import { nextPageTokenOf, parseV3Filter, parseV3Page, parseV3Search } from '@/lib/api/params/parse-v3-search';
import { runV3Search } from '@/lib/api/run-v3-search';

// GET /api/v3/trace-summaries – the search jaeger-ui ≥ 2.19 runs (or, with query.filter, an RFC 0005
// filter instead of the legacy predicates): one summary per trace, from the
// stored summaries, sorted on the server over every match (query.orderBy, newest first by
// default) and paged (query.pageToken); the answer adds nextPageToken, total and totalIsEstimate.
export const GET = v3Route(async (req) => {
  const params = new URL(req.url).searchParams;
  const query = parseV3Search(params);
  const filter = parseV3Filter(params);
  const page = parseV3Page(params, query, filter);
  const found = await runV3Search({ query, filter, page });
  return jsonResponse({
    summaries: found.summaries.map(toApiTraceSummary),
    nextPageToken: nextPageTokenOf(page, found.next),
    total: found.total?.value ?? 0,
    totalIsEstimate: found.total?.isEstimate ?? false,
  });
});

export const dynamic = 'force-dynamic';
