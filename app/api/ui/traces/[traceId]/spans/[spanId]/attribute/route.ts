import { jsonResponse } from '@/lib/api/json-response';
import { pagesErrorResponse } from '@/lib/api/pages/envelope';
import type { SpanAttributeAnswer } from '@/lib/api/pages/span-attribute-answer';
import { parseTraceIdParam } from '@/lib/api/params/parse-trace-id-param';
import { QueryParamError } from '@/lib/api/params/query-param-error';
import { pagesRoute } from '@/lib/api/routes';
import { getSpanAttribute } from '@/lib/store/read/get-span-attribute';

type Context = { params: Promise<{ traceId: string; spanId: string }> };

// GET /api/ui/traces/{traceId}/spans/{spanId}/attribute?key= – one attribute's whole value, for
// the span detail's "Show all" on a value that trace reads cut (lib/model/cut-attribute-value.ts)
export const GET = pagesRoute<Context>(async (req, { params }) => {
  const { traceId: traceSegment, spanId: spanSegment } = await params;
  const traceId = parseTraceIdParam(traceSegment, 'trace_id');
  const spanId = spanSegment.toLowerCase(); // hex needs no decoding; anything else is refused
  if (!/^[0-9a-f]{16}$/.test(spanId)) throw new QueryParamError('span_id', "malformed parameter 'span_id': expected 16 hex digits");
  const key = new URL(req.url).searchParams.get('key');
  if (key === null || key === '') throw new QueryParamError('key', "missing parameter 'key': the attribute's key");
  if (key.includes('\u0000')) throw new QueryParamError('key', "malformed parameter 'key': it holds a NUL character, which no stored key can");
  const found = await getSpanAttribute({ traceId, spanId, key });
  if (!found) return pagesErrorResponse(404, 'no such attribute on that span');
  const body: SpanAttributeAnswer = { key, value: found.value };
  return jsonResponse(body, { headers: { 'cache-control': 'no-store' } });
});

export const dynamic = 'force-dynamic';
