import { jsonResponse } from '@/lib/api/json-response';
import { pagesErrorResponse } from '@/lib/api/pages/envelope';
import type { TraceLinksAnswer } from '@/lib/api/pages/trace-links-answer';
import { parseTraceIdParam } from '@/lib/api/params/parse-trace-id-param';
import { pagesRoute } from '@/lib/api/routes';
import { traceLinks } from '@/lib/traces/trace-links';

type Context = { params: Promise<{ traceId: string }> };

// GET /api/ui/traces/{traceId}/links – the trace's span links, outgoing and incoming (lib/api/pages/trace-links-answer.ts)
export const GET = pagesRoute<Context>(async (_req, { params }) => {
  const traceId = parseTraceIdParam((await params).traceId, 'trace_id');
  const links = await traceLinks(traceId);
  if (!links.found) return pagesErrorResponse(404, 'trace not found');
  const body: TraceLinksAnswer = { outgoing: links.outgoing, incoming: links.incoming, incomingTruncated: links.incomingTruncated };
  return jsonResponse(body, { headers: { 'cache-control': 'no-store' } });
});

export const dynamic = 'force-dynamic';
