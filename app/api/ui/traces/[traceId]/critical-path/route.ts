import { jsonResponse } from '@/lib/api/json-response';
import { pagesErrorResponse } from '@/lib/api/pages/envelope';
import { toCriticalPathBody } from '@/lib/api/pages/trace-analysis';
import { parseTraceIdParam } from '@/lib/api/params/parse-trace-id-param';
import { pagesRoute } from '@/lib/api/routes';
import { computeCriticalPath } from '@/lib/model/critical-path';
import { getTraces } from '@/lib/store/read/get-traces';

type Context = { params: Promise<{ traceId: string }> };

// GET /api/ui/traces/{traceId}/critical-path – the stored trace's critical path (lib/model/critical-path.ts)
export const GET = pagesRoute<Context>(async (req, { params }) => {
  const traceId = parseTraceIdParam((await params).traceId, 'trace_id');
  const spans = (await getTraces({ traceIds: [traceId], signal: req.signal })).get(traceId);
  if (!spans) return pagesErrorResponse(404, 'trace not found');
  return jsonResponse(toCriticalPathBody(computeCriticalPath(spans)), { headers: { 'cache-control': 'no-store' } });
});

export const dynamic = 'force-dynamic';
