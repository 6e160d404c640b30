import { isPrettyPrint, v1DataResponse } from '@/lib/api/jaeger/envelope';
import { v1Route } from '@/lib/api/routes';
import { QueryParamError } from '@/lib/api/params/query-param-error';
import { getDependencies } from '@/lib/store/read/get-dependencies';

const DAY_MS = 86_400_000;

const intParam = (params: URLSearchParams, name: string, fallback: number): number => {
  const value = params.get(name);
  if (value === null || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new QueryParamError(name, `unable to parse param '${name}': ${JSON.stringify(value)} is not milliseconds as an integer`);
  return Number(value);
};

// GET /api/dependencies?endTs=&lookback= (ms) – the service call graph (Jaeger v1; Grafana)
export const GET = v1Route(async (req) => {
  const params = new URL(req.url).searchParams;
  const endTs = intParam(params, 'endTs', Date.now());
  const lookback = intParam(params, 'lookback', DAY_MS);
  if (lookback <= 0) throw new QueryParamError('lookback', "'lookback' must be greater than 0 ms");
  const serviceName = params.get('service') || undefined;
  const endNs = BigInt(endTs) * 1_000_000n;
  const links = await getDependencies({ startNs: endNs - BigInt(lookback) * 1_000_000n, endNs, serviceName });
  return v1DataResponse(links, { prettyPrint: isPrettyPrint(params) });
});

export const dynamic = 'force-dynamic';
