import { v3ErrorResponse } from '@/lib/api/jaeger/envelope';
import { v3Route } from '@/lib/api/query-route';
import { parseTraceId } from '@/lib/model/trace-id';
import { QueryParamError } from '@/lib/model/trace-query';
import { getTraces } from '@/lib/store/read/get-traces';
import { toCompactTrace } from '@/lib/api/pages/to-compact-trace';

type Context = { params: Promise<{ traceId: string }> };

// GET /api/ui/traces/{traceId} – one trace for the trace page, compact (see lib/model/compact-trace.ts)
export const GET = v3Route<Context>(async (_req, { params }) => {
  const { traceId: raw } = await params;
  let traceId: string;
  try {
    traceId = parseTraceId(decodeURIComponent(raw));
  } catch (err) {
    throw new QueryParamError('trace_id', `malformed parameter 'trace_id': ${(err as Error).message}`);
  }
  const spans = (await getTraces({ traceIds: [traceId] })).get(traceId);
  if (!spans) return v3ErrorResponse(404, 'trace not found');
  return new Response(JSON.stringify(toCompactTrace(spans)), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
});

export const dynamic = 'force-dynamic';
