import { parseTraceId } from '@/lib/model/trace-id';
import { QueryParamError } from './query-param-error';

/** A trace id from a route's path segment (as Next.js hands it over: decoded once, never again), as a QueryParamError naming `param` when invalid. */
export const parseTraceIdParam = (segment: string, param: string): string => {
  try {
    return parseTraceId(segment);
  } catch (err) {
    throw new QueryParamError(param, `malformed parameter '${param}': ${(err as Error).message}`);
  }
};
