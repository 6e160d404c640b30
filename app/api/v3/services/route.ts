import { jsonResponse } from '@/lib/api/json-response';
import { v3Route } from '@/lib/api/routes';
import { listServices } from '@/lib/store/read/list-services';

// GET /api/v3/services – {"services":[…]}; always an array (jaeger-ui ≥ 2.19 rejects `{}`)
export const GET = v3Route(async () => jsonResponse({ services: await listServices() }));

export const dynamic = 'force-dynamic';
