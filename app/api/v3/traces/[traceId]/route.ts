import { v3ErrorResponse } from '@/lib/api/jaeger/envelope';
import { jsonResponse } from '@/lib/api/json-response';
import { v3Route } from '@/lib/api/routes';
import { toOtlpJson } from '@/lib/api/otlp-json/to-otlp-json';
import { parseTimeParam } from '@/lib/api/params/parse-v3-search';
import { parseTraceIdParam } from '@/lib/api/params/parse-trace-id-param';
import { lookupTraces } from '@/lib/traces/lookup-traces';

type Context = { params: Promise<{ traceId: string }> };

const checkTime = (params: URLSearchParams, names: string[]) => {
  for (const name of names) {
    const value = params.get(name);
    if (value !== null && value !== '') parseTimeParam({ value, name });
  }
};

// GET /api/v3/traces/{trace_id} – one trace in OTLP JSON; startTime/endTime are optional hints
export const GET = v3Route<Context>(async (req, { params }) => {
  const search = new URL(req.url).searchParams;
  const { traceId: raw } = await params;
  const traceId = parseTraceIdParam(raw, 'trace_id');
  checkTime(search, ['startTime', 'start_time', 'endTime', 'end_time']);
  const { traces } = await lookupTraces({ traceIds: [traceId] });
  if (traces.length === 0) return v3ErrorResponse(404, 'trace not found');
  return jsonResponse({ result: toOtlpJson(traces[0]) });
});

export const dynamic = 'force-dynamic';
