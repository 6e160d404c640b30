import { pagesRoute } from '@/lib/api/routes';
import { checkName } from '@/lib/api/params/check-query-params';
import { QueryParamError } from '@/lib/api/params/query-param-error';
import { listAttributeKeys } from '@/lib/store/read/list-attribute-keys';
import { listAttributeValues } from '@/lib/store/read/list-attribute-values';

// GET /api/ui/attributes?service=             – {"keys":[{key,source,count}]}
// GET /api/ui/attributes?service=&key=        – {"values":[{value,count}]}
// Suggestions for the attributes box, from the service's recent spans.
export const GET = pagesRoute(async (req) => {
  const params = new URL(req.url).searchParams;
  const serviceName = params.get('service');
  if (!serviceName) throw new QueryParamError('service', "parameter 'service' is required");
  checkName(serviceName, 'service');
  const key = params.get('key');
  if (key) return Response.json({ values: await listAttributeValues({ serviceName, key: checkName(key, 'key') }) });
  return Response.json({ keys: await listAttributeKeys({ serviceName }) });
});

export const dynamic = 'force-dynamic';
