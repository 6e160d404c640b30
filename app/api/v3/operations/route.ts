import { jsonResponse } from '@/lib/api/json-response';
import { v3Route } from '@/lib/api/routes';
import { checkName } from '@/lib/api/params/check-query-params';
import { parseSpanKind } from '@/lib/api/params/parse-span-kind';
import { toJaegerSpanKind } from '@/lib/model/conventions';
import { QueryParamError } from '@/lib/api/params/query-param-error';
import { listOperations } from '@/lib/store/read/list-operations';

// GET /api/v3/operations?service=&spanKind= – {"operations":[{"name","spanKind"}]}; an
// unspecified kind is reported as "internal", as Jaeger's api_v3 does
export const GET = v3Route(async (req) => {
  const params = new URL(req.url).searchParams;
  const serviceName = params.get('service') ?? params.get('query.service_name') ?? params.get('query.serviceName');
  if (!serviceName) throw new QueryParamError('service', "parameter 'service' is required");
  const spanKind = params.get('spanKind') ?? params.get('span_kind');
  const kind = spanKind ? parseSpanKind(spanKind, spanKind === params.get('spanKind') ? 'spanKind' : 'span_kind') : undefined;
  const operations = (await listOperations({ serviceName: checkName(serviceName, 'service'), kind })).map((o) => ({
    name: o.name,
    spanKind: toJaegerSpanKind(o.kind) || 'internal',
  }));
  return jsonResponse({ operations });
});

export const dynamic = 'force-dynamic';
