import { isPrettyPrint, v1DataResponse } from '@/lib/api/jaeger/envelope';
import { v1Route } from '@/lib/api/routes';
import { checkName } from '@/lib/api/params/check-query-params';
import { parseSpanKind } from '@/lib/api/params/parse-span-kind';
import { toJaegerSpanKind } from '@/lib/model/conventions';
import { QueryParamError } from '@/lib/api/params/query-param-error';
import { listOperations } from '@/lib/store/read/list-operations';

// GET /api/operations?service=&spanKind= – span names with their kind (Jaeger v1)
export const GET = v1Route(async (req) => {
  const params = new URL(req.url).searchParams;
  const serviceName = params.get('service');
  if (!serviceName) throw new QueryParamError('service', "parameter 'service' is required");
  const spanKind = params.get('spanKind');
  const kind = spanKind ? parseSpanKind(spanKind, 'spanKind') : undefined;
  const operations = (await listOperations({ serviceName: checkName(serviceName, 'service'), kind })).map((o) => ({ name: o.name, spanKind: toJaegerSpanKind(o.kind) }));
  return v1DataResponse(operations, { total: operations.length, prettyPrint: isPrettyPrint(params) });
});

export const dynamic = 'force-dynamic';
