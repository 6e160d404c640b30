/**
 * A malformed or missing query parameter; `param` names it as the client sent it. Maps to HTTP 400.
 * `detail` adds fields to the error body where the API family's envelope has room for them (the
 * pages' API: where in a query the problem is, `position` {start, end}).
 */
export class QueryParamError extends Error {
  constructor(
    public param: string,
    message: string,
    public detail?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'QueryParamError';
  }
}
