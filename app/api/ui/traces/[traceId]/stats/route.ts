import { jsonResponse } from '@/lib/api/json-response';
import { pagesErrorResponse } from '@/lib/api/pages/envelope';
import { toTraceStatsBody } from '@/lib/api/pages/trace-analysis';
import { parseGroupByParam } from '@/lib/api/params/parse-group-by-param';
import { parseTraceIdParam } from '@/lib/api/params/parse-trace-id-param';
import { pagesRoute } from '@/lib/api/routes';
import { computeTraceStatistics } from '@/lib/model/trace-statistics';
import { getTraces } from '@/lib/store/read/get-traces';

type Context = { params: Promise<{ traceId: string }> };

// GET /api/ui/traces/{traceId}/stats?groupBy=<attribute key> – count, total and self time per
// service + operation (and attribute value), lib/model/trace-statistics.ts
export const GET = pagesRoute<Context>(async (req, { params }) => {
  const traceId = parseTraceIdParam((await params).traceId, 'trace_id');
  const groupBy = parseGroupByParam(new URL(req.url).searchParams);
  const spans = (await getTraces({ traceIds: [traceId], signal: req.signal })).get(traceId);
  if (!spans) return pagesErrorResponse(404, 'trace not found');
  return jsonResponse(toTraceStatsBody(computeTraceStatistics(spans, groupBy)), { headers: { 'cache-control': 'no-store' } });
});

export const dynamic = 'force-dynamic';
