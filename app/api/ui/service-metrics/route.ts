import { DEFAULT_METRIC_WINDOW, isMetricWindow, METRIC_WINDOW_MS, METRIC_WINDOWS } from '@/lib/api/pages/metric-windows';
import { pagesRoute } from '@/lib/api/routes';
import { QueryParamError } from '@/lib/api/params/query-param-error';
import { chartBuckets } from '@/lib/model/chart-buckets';
import { getServiceMetricsAndSeries } from '@/lib/store/read/get-service-series';
import { nsToMsNumber } from '@/lib/model/units';
import { listServices } from '@/lib/store/read/list-services';

const BUCKETS = 30;

// GET /api/ui/service-metrics?window=15m|1h|6h|1d|7d – every service (also those idle in the
// window), with request/error counts and p50/p95/p99 per service and per operation, and a
// per-service time series for the charts. Requests are entry spans (lib/store/read/get-service-metrics.ts).
export const GET = pagesRoute(async (req) => {
  const window = new URL(req.url).searchParams.get('window') || DEFAULT_METRIC_WINDOW;
  if (!isMetricWindow(window)) throw new QueryParamError('window', `window: expected one of ${METRIC_WINDOWS.join(', ')}`);
  const endMs = Date.now();
  const endNs = BigInt(endMs) * 1_000_000n;
  // A window whose chart buckets are whole hours (a day or more) starts on the hour, up to 59
  // minutes early, and says so in `window` (chartBuckets): every hour is then read from hour
  // rollups (the first hour's minutes were half of a day's rows at 10-million-span density).
  const startNs = chartBuckets({ startNs: endNs - BigInt(METRIC_WINDOW_MS[window]) * 1_000_000n, endNs, buckets: BUCKETS }).originNs;
  const startMs = nsToMsNumber(startNs);
  const [names, { services, operations, series }] = await Promise.all([
    listServices(),
    getServiceMetricsAndSeries({ startNs, endNs, buckets: BUCKETS, endsNow: true }),
  ]);
  return Response.json({ window: { startMs, endMs }, serviceNames: names, services, operations, series });
});

export const dynamic = 'force-dynamic';
