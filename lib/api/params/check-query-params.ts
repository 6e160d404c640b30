import { MAX_NAME_CHARS, MAX_PARAM_CHARS, MAX_QUERY_PARAMS, MAX_TAG_FILTERS, textProblem, timeProblem } from '@/lib/model/input-limits';
import { QueryParamError } from './query-param-error';

// The checks every read route runs on what it was sent before any parser looks at it (routes.ts
// calls checkQueryParams), and the ones parsers call on the values they derive (a JSON tag's
// decoded `\u0000`, a time that overflows int64 nanoseconds). Each throws a QueryParamError, a
// 400 naming the parameter and the cap.

/** Throws unless `value` is storable text of at most `maxChars` characters. */
export const checkText = (value: string, param: string, maxChars: number = MAX_PARAM_CHARS): string => {
  const problem = textProblem(value, maxChars);
  // where the value goes wrong, so a query box can underline it (the pages' envelope carries it)
  const position = value.length > maxChars ? { start: maxChars, end: value.length } : undefined;
  if (problem !== undefined) throw new QueryParamError(param, `malformed parameter '${param}': the value ${problem}`, position && { position });
  return value;
};

/** Throws unless `value` is a storable name (service, operation, attribute key) of at most MAX_NAME_CHARS. */
export const checkName = (value: string, param: string): string => checkText(value, param, MAX_NAME_CHARS);

/** Every parameter of a query string: at most MAX_QUERY_PARAMS, each name and value storable text within MAX_PARAM_CHARS. */
export const checkQueryParams = (params: URLSearchParams): void => {
  let count = 0;
  for (const [name, value] of params) {
    if (++count > MAX_QUERY_PARAMS) {
      throw new QueryParamError(name, `too many query parameters: the limit is ${MAX_QUERY_PARAMS}`);
    }
    const nameProblem = textProblem(name, MAX_NAME_CHARS);
    if (nameProblem !== undefined) throw new QueryParamError(name.slice(0, 64), `malformed parameter name: it ${nameProblem}`);
    checkText(value, name);
  }
};

/** Throws when a search has more attribute criteria than MAX_TAG_FILTERS. */
export const checkTagCount = (count: number, param: string): void => {
  if (count > MAX_TAG_FILTERS) {
    throw new QueryParamError(param, `malformed parameter '${param}': ${count} attribute criteria; the limit is ${MAX_TAG_FILTERS}`);
  }
};

/** Throws unless `ns` is an instant that can be stored (int64 unix ns, not before the epoch). */
export const checkTimeNs = (ns: bigint, param: string): bigint => {
  const problem = timeProblem(ns);
  if (problem !== undefined) throw new QueryParamError(param, `malformed parameter '${param}': the time ${problem}`);
  return ns;
};
