import { pagesRoute } from '@/lib/api/routes';
import { ingestEndpoints } from '@/lib/api/pages/ingest-endpoints';
import { runtime } from '@/lib/server/runtime';

// GET /api/ui/ingest – {"endpoints":[{protocol,address}]}: where to send spans, with the ports
// this process listens on and the host name the browser used to reach it
export const GET = pagesRoute(async (req) => {
  const host = new URL(req.url).hostname || 'localhost';
  return Response.json({ endpoints: ingestEndpoints(runtime().env, host) });
});

export const dynamic = 'force-dynamic';
