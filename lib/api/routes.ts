import { v1ErrorResponse, v3ErrorResponse } from '@/lib/api/jaeger/envelope';
import { pagesErrorResponse } from '@/lib/api/pages/envelope';
import { QueryParamError } from '@/lib/api/params/query-param-error';
import { tempoErrorResponse } from '@/lib/api/tempo/envelope';
import { readFailure } from '@/lib/store/read-budget';

// Wraps every read route once, with one error table: a malformed parameter is a 400 naming it,
// a read over its budget (time, turn, size: lib/store/read-budget.ts) a 504/503/422 saying which,
// anything else a logged 500 with the reason. Each API family answers in its own envelope, so a
// client only ever parses the shape of the API it speaks.

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

type ErrorEnvelope = (status: number, message: string, param?: string, detail?: Record<string, unknown>) => Response;

const wrap =
  <C>(family: string, envelope: ErrorEnvelope, handler: Handler<C>): Handler<C> =>
  async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (err) {
      if (err instanceof QueryParamError) return envelope(400, err.message, err.param, err.detail);
      const failure = readFailure(err);
      if (failure) {
        const response = envelope(failure.status, failure.message);
        if (failure.retryAfterSeconds) response.headers.set('retry-after', String(failure.retryAfterSeconds));
        return response;
      }
      console.error(`[${family}] ${req.method} ${new URL(req.url).pathname} failed:`, err);
      return envelope(500, `internal error: ${(err as Error).message}`);
    }
  };

/** A Jaeger v1 (`/api/...`) route: `{"data":null,…,"errors":[{"code","msg"}]}`. */
export const v1Route = <C = unknown>(handler: Handler<C>) => wrap('query', (status, message) => v1ErrorResponse(status, message), handler);

/** A Jaeger api_v3 (`/api/v3/...`) route: `{"error":{"httpCode","message"}}`. */
export const v3Route = <C = unknown>(handler: Handler<C>) => wrap('query', (status, message) => v3ErrorResponse(status, message), handler);

/** A route of the pages' own API (`/api/ui/...`, `/api/storage`): `{"error":{"message","param"}}`. */
export const pagesRoute = <C = unknown>(handler: Handler<C>) => wrap('ui', pagesErrorResponse, handler);

/** A route of the Tempo-compatible API (`/api/tempo/...`, TEMPO_HTTP_PORT): errors as plain text, as Tempo answers them. */
export const tempoRoute = <C = unknown>(handler: Handler<C>) => wrap('tempo', (status, message) => tempoErrorResponse(status, message), handler);
