// The windows of the services page, one table for the page (its URL and selector), its data
// hooks (/api/dependencies takes the width as a lookback) and /api/ui/service-metrics.

export const METRIC_WINDOW_MS = { '15m': 900_000, '1h': 3_600_000, '6h': 21_600_000, '1d': 86_400_000, '7d': 604_800_000 } as const;

export type MetricWindow = keyof typeof METRIC_WINDOW_MS;

/** In the order the selector shows them. */
export const METRIC_WINDOWS = Object.keys(METRIC_WINDOW_MS) as MetricWindow[];

export const DEFAULT_METRIC_WINDOW: MetricWindow = '1h';

export const isMetricWindow = (text: string): text is MetricWindow => Object.hasOwn(METRIC_WINDOW_MS, text);
