import { chartBuckets } from '@/lib/model/chart-buckets';
import { parseUnixNs } from './parse-unix-ns';
import { QueryParamError } from './query-param-error';

// The parameters of GET /api/ui/exceptions: start, end (unix ns; default the last 24 hours, at most
// EXCEPTIONS_MAX_WINDOW_NS apart: 7 days, since the groups are read from the rollups, a few
// thousand hour rows a day; on Citus, which has no rollups, from raw spans narrowed by the events
// index) and an optional service. A window of 15 hours or more starts on the hour (chartBuckets).

const HOUR_NS = 3_600_000_000_000n;
export const EXCEPTIONS_DEFAULT_WINDOW_NS = 24n * HOUR_NS;
export const EXCEPTIONS_MAX_WINDOW_NS = 7n * 24n * HOUR_NS;
/** Buckets of each group's sparkline. */
export const EXCEPTIONS_BUCKETS = 30;

export type ExceptionsParams = { startNs: bigint; endNs: bigint; stepNs: bigint; service?: string };

export const parseExceptionsParams = (params: URLSearchParams, nowNs: bigint): ExceptionsParams => {
  const endNs = parseUnixNs(params, 'end') ?? nowNs;
  const startNs = parseUnixNs(params, 'start') ?? endNs - EXCEPTIONS_DEFAULT_WINDOW_NS;
  if (startNs >= endNs) throw new QueryParamError('start', 'start: the window must start before it ends');
  if (endNs - startNs > EXCEPTIONS_MAX_WINDOW_NS) {
    throw new QueryParamError('start', `start: exception groups cover at most ${EXCEPTIONS_MAX_WINDOW_NS / HOUR_NS / 24n} days: narrow the window`);
  }
  const service = params.get('service') ?? '';
  // a day or more: whole-hour buckets from the hour, read from the hour rollups (chartBuckets)
  const { bucketNs, originNs } = chartBuckets({ startNs, endNs, buckets: EXCEPTIONS_BUCKETS });
  return { startNs: originNs, endNs, stepNs: bucketNs, ...(service.trim() !== '' && { service }) };
};
