import { isPrettyPrint, v1DataResponse } from '@/lib/api/jaeger/envelope';
import { v1Route } from '@/lib/api/routes';
import { checkName } from '@/lib/api/params/check-query-params';
import { listOperations } from '@/lib/store/read/list-operations';

type Context = { params: Promise<{ service: string }> };

// GET /api/services/{service}/operations – unique span names of a service; null when none (Jaeger v1).
// Next.js hands `service` over decoded once; decoding it again broke names holding a `%`.
export const GET = v1Route<Context>(async (req, { params }) => {
  const { service } = await params;
  const names = [...new Set((await listOperations({ serviceName: checkName(service, 'service') })).map((o) => o.name))];
  return v1DataResponse(names.length > 0 ? names : null, {
    total: names.length,
    prettyPrint: isPrettyPrint(new URL(req.url).searchParams),
  });
});

export const dynamic = 'force-dynamic';
