import { jsonResponse } from '@/lib/api/json-response';
import { v3Route } from '@/lib/api/routes';
import { toOtlpJson } from '@/lib/api/otlp-json/to-otlp-json';
import { parseV3Search } from '@/lib/api/params/parse-v3-search';
import { searchTraces } from '@/lib/traces/search-traces';

// GET /api/v3/traces – search (service optional) → {"result":{"resourceSpans":[…]}} in OTLP JSON.
// No match answers 200 with empty resourceSpans, not Jaeger's 404: Grafana treats any non-200
// from this route as a failed query ("request failed No traces found").
export const GET = v3Route(async (req) => {
  const query = parseV3Search(new URL(req.url).searchParams);
  const traces = await searchTraces({ query });
  return jsonResponse({ result: toOtlpJson(traces.flat()) });
});

export const dynamic = 'force-dynamic';
