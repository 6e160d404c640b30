/** A malformed or missing query parameter; `param` names it as the client sent it. Maps to HTTP 400. */
export class QueryParamError extends Error {
  constructor(
    public param: string,
    message: string,
  ) {
    super(message);
    this.name = 'QueryParamError';
  }
}
