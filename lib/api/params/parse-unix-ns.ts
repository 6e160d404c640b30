import { checkTimeNs } from './check-query-params';
import { QueryParamError } from './query-param-error';

/** An optional time parameter in unix nanoseconds (the analytics APIs' `start`/`end`); a QueryParamError naming it when malformed. */
export const parseUnixNs = (params: URLSearchParams, name: string): bigint | undefined => {
  const value = params.get(name);
  if (value === null || value === '') return undefined;
  if (!/^\d{1,19}$/.test(value)) throw new QueryParamError(name, `${name}: expected unix nanoseconds (an integer), got ${JSON.stringify(value)}`);
  return checkTimeNs(BigInt(value), name);
};
