import { DEFAULT_METRIC_WINDOW, isMetricWindow, METRIC_WINDOW_MS, METRIC_WINDOWS } from '@/lib/api/pages/metric-windows';
import { pagesRoute } from '@/lib/api/routes';
import { QueryParamError } from '@/lib/api/params/query-param-error';
import { getServiceMetricsAndSeries } from '@/lib/store/read/get-service-series';
import { listServices } from '@/lib/store/read/list-services';

const BUCKETS = 30;

// GET /api/ui/service-metrics?window=15m|1h|6h|1d|7d – every service (also those idle in the
// window), with request/error counts and p50/p95/p99 per service and per operation, and a
// per-service time series for the charts. Requests are entry spans (lib/store/read/get-service-metrics.ts).
export const GET = pagesRoute(async (req) => {
  const window = new URL(req.url).searchParams.get('window') || DEFAULT_METRIC_WINDOW;
  if (!isMetricWindow(window)) throw new QueryParamError('window', `window: expected one of ${METRIC_WINDOWS.join(', ')}`);
  const widthMs = METRIC_WINDOW_MS[window];
  const endMs = Date.now();
  const startMs = endMs - widthMs;
  const startNs = BigInt(startMs) * 1_000_000n;
  const endNs = BigInt(endMs) * 1_000_000n;
  const [names, { services, operations, series }] = await Promise.all([listServices(), getServiceMetricsAndSeries({ startNs, endNs, buckets: BUCKETS })]);
  return Response.json({ window: { startMs, endMs }, serviceNames: names, services, operations, series });
});

export const dynamic = 'force-dynamic';
