import { pagesRoute } from '@/lib/api/routes';
import { listTraceqlValues } from '@/lib/api/pages/list-traceql-suggestions';

// GET /api/ui/traceql/values?tag=<TraceQL identifier>&service=&q=<typed text> – {"values":[{type,value}],"capped":bool}
export const GET = pagesRoute(async (req) => Response.json(await listTraceqlValues(new URL(req.url).searchParams)));

export const dynamic = 'force-dynamic';
