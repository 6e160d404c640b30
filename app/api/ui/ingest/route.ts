import { pagesRoute } from '@/lib/api/routes';
import { ingestEndpoints } from '@/lib/api/pages/ingest-endpoints';
import { runtime } from '@/lib/server/runtime';

// GET /api/ui/ingest – {"endpoints":[{protocol,address}]}: where to send spans, with the ports
// this process listens on and the host name the browser used to reach it (its Host header: behind
// the launcher, Next's request URL names the address Next itself was given, not the browser's)
const hostnameOf = (host: string | null): string => {
  try {
    return host ? new URL(`http://${host}`).hostname : 'localhost';
  } catch {
    return 'localhost';
  }
};

export const GET = pagesRoute(async (req) => {
  const host = hostnameOf(req.headers.get('host'));
  return Response.json({ endpoints: ingestEndpoints(runtime().env, host) });
});

export const dynamic = 'force-dynamic';
