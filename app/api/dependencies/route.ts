import { isPrettyPrint, v1DataResponse } from '@/lib/api/jaeger/envelope';
import { v1Route } from '@/lib/api/routes';
import { checkName, checkTimeNs } from '@/lib/api/params/check-query-params';
import { QueryParamError } from '@/lib/api/params/query-param-error';
import { getDependencies } from '@/lib/store/read/get-dependencies';

const DAY_MS = 86_400_000;

// BigInt, not Number: a 400-digit value would be Infinity, and BigInt(Infinity) throws
const msParam = (params: URLSearchParams, name: string, fallback: number): bigint => {
  const value = params.get(name);
  if (value === null || value === '') return BigInt(fallback);
  if (!/^\d{1,20}$/.test(value)) throw new QueryParamError(name, `unable to parse param '${name}': ${JSON.stringify(value)} is not milliseconds as an integer`);
  return BigInt(value);
};

// GET /api/dependencies?endTs=&lookback= (ms) – the service call graph (Jaeger v1; Grafana)
export const GET = v1Route(async (req) => {
  const params = new URL(req.url).searchParams;
  const endNs = checkTimeNs(msParam(params, 'endTs', Date.now()) * 1_000_000n, 'endTs');
  const lookback = msParam(params, 'lookback', DAY_MS);
  if (lookback <= 0n) throw new QueryParamError('lookback', "'lookback' must be greater than 0 ms");
  const service = params.get('service');
  const serviceName = service ? checkName(service, 'service') : undefined;
  // a lookback reaching before the epoch reads from the epoch: nothing is stored earlier
  const startNs = endNs - lookback * 1_000_000n;
  const links = await getDependencies({ startNs: startNs < 0n ? 0n : startNs, endNs, serviceName });
  return v1DataResponse(links, { prettyPrint: isPrettyPrint(params) });
});

export const dynamic = 'force-dynamic';
