import { isPrettyPrint, v1DataResponse } from '@/lib/api/jaeger/envelope';
import { v1Route } from '@/lib/api/routes';
import { listServices } from '@/lib/store/read/list-services';

// GET /api/services – service names (Jaeger v1; Grafana's Jaeger data source)
export const GET = v1Route(async (req) => {
  const services = await listServices();
  return v1DataResponse(services, { total: services.length, prettyPrint: isPrettyPrint(new URL(req.url).searchParams) });
});

export const dynamic = 'force-dynamic';
