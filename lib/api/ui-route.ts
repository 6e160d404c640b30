import { QueryParamError } from '@/lib/model/trace-query';

// Wraps a route of the UI's own API (/api/ui/*): a bad parameter is a 400 whose body names the
// field, so the form can show the message next to it; anything else is a logged 500.

export type UiErrorBody = { error: { message: string; param?: string } };

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

/** A /api/ui route handler with the error table applied once. */
export const uiRoute =
  <C = unknown>(handler: Handler<C>): Handler<C> =>
  async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (err) {
      if (err instanceof QueryParamError) {
        return Response.json({ error: { message: err.message, param: err.param } } satisfies UiErrorBody, { status: 400 });
      }
      console.error(`[ui] ${req.method} ${new URL(req.url).pathname} failed:`, err);
      return Response.json({ error: { message: `internal error: ${(err as Error).message}` } } satisfies UiErrorBody, { status: 500 });
    }
  };
