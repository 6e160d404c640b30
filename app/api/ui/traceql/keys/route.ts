import { pagesRoute } from '@/lib/api/routes';
import { listTraceqlKeys } from '@/lib/api/pages/list-traceql-suggestions';

// GET /api/ui/traceql/keys?scope=span|resource|event|link|scope|unscoped&service= – {"keys":[…]}
export const GET = pagesRoute(async (req) => Response.json(await listTraceqlKeys(new URL(req.url).searchParams)));

export const dynamic = 'force-dynamic';
