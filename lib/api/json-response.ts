// The one way a read route writes JSON, whatever its API family. Jaeger writes its v1 errors with
// Go's http.Error, hence `text/plain`; every client parses the body as JSON regardless, so we send
// `application/json` for success and error alike.

export type JsonResponseOptions = {
  status?: number;
  /** indent by 4 spaces, as Jaeger does for `prettyPrint` */
  prettyPrint?: boolean;
  headers?: HeadersInit;
};

/** A JSON Response; bigint-free bodies only (JSON has no bigint, so callers stringify them first). */
export const jsonResponse = (
  body: unknown,
  { status = 200, prettyPrint = false, headers }: JsonResponseOptions = {},
): Response => {
  const response = new Response(JSON.stringify(body, null, prettyPrint ? 4 : undefined), { status, headers });
  response.headers.set('content-type', 'application/json; charset=utf-8');
  return response;
};
