import { jsonResponse } from '@/lib/api/json-response';
import { pagesErrorResponse } from '@/lib/api/pages/envelope';
import { toCompareAnswer } from '@/lib/api/pages/to-compare-answer';
import { QueryParamError } from '@/lib/api/params/query-param-error';
import { pagesRoute } from '@/lib/api/routes';
import { compareTraces } from '@/lib/traces/compare-traces';
import { resolveTraceLookup } from '@/lib/traces/resolve-trace-lookup';

// GET /api/ui/compare?a=<id>&b=<id|baseline> – two traces matched by their paths of
// service:operation (lib/api/pages/compare-answer.ts). Ids in any form the lookup box takes.

const resolve = async (text: string | null, param: 'a' | 'b') => {
  if (!text?.trim()) throw new QueryParamError(param, `missing parameter '${param}'`);
  const resolved = await resolveTraceLookup({ text: text.trim() });
  if (resolved.found) return { traceId: resolved.traceId };
  if (resolved.lookup.traceIds.length + resolved.lookup.spanIds.length === 0) {
    throw new QueryParamError(param, `malformed parameter '${param}': not a trace id`);
  }
  return { missing: resolved.lookup.traceIds[0] ?? resolved.lookup.spanIds[0] };
};

export const GET = pagesRoute(async (req) => {
  const params = new URL(req.url).searchParams;
  const a = await resolve(params.get('a'), 'a');
  const bText = params.get('b');
  const b = bText?.trim().toLowerCase() === 'baseline' ? { traceId: 'baseline' } : await resolve(bText, 'b');
  if (!a.traceId) return pagesErrorResponse(404, `trace ${a.missing} not found`, 'a');
  if (!b.traceId) return pagesErrorResponse(404, `trace ${b.missing} not found`, 'b');
  const result = await compareTraces({ a: a.traceId, b: b.traceId });
  if (!result.found) {
    if (result.missing === 'a') return pagesErrorResponse(404, `trace ${a.traceId} not found`, 'a');
    return b.traceId === 'baseline'
      ? pagesErrorResponse(404, 'no other trace with the same root service and operation to make a baseline from', 'b')
      : pagesErrorResponse(404, `trace ${b.traceId} not found`, 'b');
  }
  return jsonResponse(toCompareAnswer(result.a, result.b, result.nodes), { headers: { 'cache-control': 'no-store' } });
});

export const dynamic = 'force-dynamic';
