import { pagesErrorResponse } from '@/lib/api/pages/envelope';
import { parseTraceIdParam } from '@/lib/api/params/parse-trace-id-param';
import { pagesRoute } from '@/lib/api/routes';
import { getTraces } from '@/lib/store/read/get-traces';
import { SPAN_COUNT_HEADER } from '@/lib/api/pages/compact-trace';
import { toCompactTrace } from '@/lib/api/pages/to-compact-trace';

type Context = { params: Promise<{ traceId: string }> };

// GET /api/ui/traces/{traceId} – one trace for the trace page, compact (see lib/api/pages/compact-trace.ts)
export const GET = pagesRoute<Context>(async (req, { params }) => {
  const traceId = parseTraceIdParam((await params).traceId, 'trace_id');
  const spans = (await getTraces({ traceIds: [traceId], signal: req.signal })).get(traceId);
  if (!spans) return pagesErrorResponse(404, 'trace not found');
  return new Response(JSON.stringify(toCompactTrace(spans)), {
    // the count goes ahead of the body so the page can say "loading 100,000 spans…" while it arrives
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', [SPAN_COUNT_HEADER]: String(spans.length) },
  });
});

export const dynamic = 'force-dynamic';
