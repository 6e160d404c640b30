import { jsonResponse } from '@/lib/api/json-response';
import { v3Route } from '@/lib/api/routes';
import { toOtlpJson } from '@/lib/api/otlp-json/to-otlp-json';
import { nextPageTokenOf, parseV3Filter, parseV3Page, parseV3Search } from '@/lib/api/params/parse-v3-search';
import { runV3Search } from '@/lib/api/run-v3-search';
import { lookupTraces } from '@/lib/traces/lookup-traces';

// GET /api/v3/traces – search (service optional, or query.filter: RFC 0005 JSON) → {"result":{"resourceSpans":[…]}} in OTLP JSON,
// the whole traces of one page of /api/v3/trace-summaries (same order, paging and totals).
// No match answers 200 with empty resourceSpans, not Jaeger's 404: Grafana treats any non-200
// from this route as a failed query ("request failed No traces found").
export const GET = v3Route(async (req) => {
  const params = new URL(req.url).searchParams;
  const query = parseV3Search(params);
  const filter = parseV3Filter(params);
  const page = parseV3Page(params, query, filter);
  const found = await runV3Search({ query, filter, page });
  const { traces } = await lookupTraces({ traceIds: found.summaries.map((s) => s.traceId) });
  return jsonResponse({
    result: toOtlpJson(traces.flat()),
    nextPageToken: nextPageTokenOf(page, found.next),
    total: found.total?.value ?? 0,
    totalIsEstimate: found.total?.isEstimate ?? false,
  });
});

export const dynamic = 'force-dynamic';
