import { v1ErrorResponse, v3ErrorResponse } from '@/lib/api/jaeger/envelope';
import { QueryParamError } from '@/lib/model/trace-query';

// Wraps a query-API route handler once: a malformed parameter is a 400 naming it, in the
// envelope of the API the client speaks; anything else is a 500 with the reason, logged.

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

const wrap =
  <C>(api: 'v1' | 'v3', handler: Handler<C>): Handler<C> =>
  async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (err) {
      const respond = api === 'v1' ? v1ErrorResponse : v3ErrorResponse;
      if (err instanceof QueryParamError) return respond(400, err.message);
      console.error(`[query] ${req.method} ${new URL(req.url).pathname} failed:`, err);
      return respond(500, `internal error: ${(err as Error).message}`);
    }
  };

/** A Jaeger v1 (`/api/...`) route. */
export const v1Route = <C = unknown>(handler: Handler<C>) => wrap('v1', handler);

/** A Jaeger api_v3 (`/api/v3/...`) route. */
export const v3Route = <C = unknown>(handler: Handler<C>) => wrap('v3', handler);
