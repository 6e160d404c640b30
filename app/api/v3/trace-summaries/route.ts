import { jsonResponse } from '@/lib/api/json-response';
import { toTraceSummary } from '@/lib/api/jaeger/to-trace-summary';
import { v3Route } from '@/lib/api/routes';
import { parseV3Search } from '@/lib/api/params/parse-v3-search';
import { searchTraces } from '@/lib/traces/search-traces';

// GET /api/v3/trace-summaries – the search jaeger-ui ≥ 2.19 runs: one summary per trace, newest first
export const GET = v3Route(async (req) => {
  const query = parseV3Search(new URL(req.url).searchParams);
  const traces = await searchTraces({ query });
  return jsonResponse({ summaries: traces.map(toTraceSummary) });
});

export const dynamic = 'force-dynamic';
