import { v1ErrorResponse, v3ErrorResponse } from '@/lib/api/jaeger/envelope';
import { pagesErrorResponse } from '@/lib/api/pages/envelope';
import { checkQueryParams, checkText } from '@/lib/api/params/check-query-params';
import { QueryParamError } from '@/lib/api/params/query-param-error';
import { tempoErrorResponse } from '@/lib/api/tempo/envelope';
import { readFailure } from '@/lib/store/read-budget';

// Wraps every read route once, with one error table: a malformed parameter is a 400 naming it,
// a read over its budget (time, turn, size: lib/store/read-budget.ts) a 504/503/422 saying which,
// anything else a logged 500 whose answer says nothing about the cause (a database message can
// carry table names, SQL and values; the log has it for the operator). Before the handler runs,
// every query parameter and path parameter is checked against the caps of
// lib/model/input-limits.ts. Each API family answers in its own envelope, so a client only ever
// parses the shape of the API it speaks.

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

type ErrorEnvelope = (status: number, message: string, param?: string, detail?: Record<string, unknown>) => Response;

/** The answer of a failure that is not the client's: nothing of the error itself. */
export const INTERNAL_ERROR_MESSAGE = 'internal error: the server could not answer this request (the cause is in its log)';

// Path parameters as Next.js hands them over: already decoded once, which is the only decoding
// they get (a service named `a%25b` is `a%b`, not decoded again).
const checkPathParams = async (ctx: unknown): Promise<void> => {
  const params = (ctx as { params?: Promise<Record<string, string | string[]>> } | undefined)?.params;
  if (params === undefined) return;
  for (const [name, value] of Object.entries(await params)) {
    for (const v of Array.isArray(value) ? value : [value]) checkText(v, name);
  }
};

const wrap =
  <C>(family: string, envelope: ErrorEnvelope, handler: Handler<C>): Handler<C> =>
  async (req, ctx) => {
    try {
      checkQueryParams(new URL(req.url).searchParams);
      await checkPathParams(ctx);
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
      return envelope(500, INTERNAL_ERROR_MESSAGE);
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
