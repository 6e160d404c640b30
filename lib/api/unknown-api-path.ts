import { v1ErrorResponse, v3ErrorResponse } from '@/lib/api/jaeger/envelope';
import { pagesErrorResponse } from '@/lib/api/pages/envelope';

// An /api/* path no route serves answers a JSON 404 in the envelope of its API family, so a
// client shows a message rather than a page of HTML: api_v3 for /api/v3/*, the pages' envelope
// for /api/ui/* and /api/storage*, Jaeger v1 for the rest (jaeger-ui's metrics, archive and
// quality-metrics routes, when an operator turns them on, land there).

/**
 * An error answer in the envelope of the API family `pathname` belongs to (also used before any
 * route runs: the 414 of an overlong URL). A path outside /api/ gets the pages' envelope.
 */
export const errorResponseForPath = (pathname: string, status: number, message: string): Response => {
  if (pathname === '/api/v3' || pathname.startsWith('/api/v3/')) return v3ErrorResponse(status, message);
  if (pathname === '/api/ui' || pathname.startsWith('/api/ui/') || pathname.startsWith('/api/storage')) return pagesErrorResponse(status, message);
  if (pathname === '/api' || pathname.startsWith('/api/')) return v1ErrorResponse(status, message);
  return pagesErrorResponse(status, message);
};

/** The 404 answer for a request to an API path nothing serves. */
export const answerUnknownApiPath = (req: Request): Response => {
  const { pathname } = new URL(req.url);
  return errorResponseForPath(pathname, 404, `no API route ${req.method} ${pathname}`);
};
