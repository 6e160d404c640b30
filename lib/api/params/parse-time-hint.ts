import { checkTimeNs } from './check-query-params';
import { QueryParamError } from './query-param-error';
import { msToNs, usToNs } from '@/lib/model/units';

/**
 * An optional epoch time hint (`start`/`end` of a trace-by-id request) as unix ns. Jaeger reads
 * µs; Grafana sends ms (UnixMilli) there, so the unit is told by magnitude: ms ≈ 1.7e12,
 * µs ≈ 1.7e15, ns ≈ 1.7e18.
 */
export const parseTimeHint = (params: URLSearchParams, name: string): bigint | undefined => {
  const value = params.get(name);
  if (value === null || value === '') return undefined;
  if (!/^\d{1,20}$/.test(value)) throw new QueryParamError(name, `unable to parse param '${name}': ${JSON.stringify(value)} is not an integer epoch time`);
  const n = BigInt(value);
  if (n < 100_000_000_000_000n) return msToNs(n); // ms
  if (n < 100_000_000_000_000_000n) return usToNs(n); // µs
  return checkTimeNs(n, name);
};
