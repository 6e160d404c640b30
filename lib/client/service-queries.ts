import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchJson } from './fetch-json';
import { ZDependenciesResponse, ZServiceMetricsResponse } from './schemas';

// TanStack Query hooks of the services page.

export const METRIC_WINDOWS = ['15m', '1h', '6h', '1d', '7d'] as const;
export type MetricWindow = (typeof METRIC_WINDOWS)[number];

const WINDOW_MS: Record<MetricWindow, number> = { '15m': 900_000, '1h': 3_600_000, '6h': 21_600_000, '1d': 86_400_000, '7d': 604_800_000 };

/** RED metrics per service and per operation over the window. */
export const useServiceMetrics = (window: MetricWindow) =>
  useQuery({
    queryKey: ['service-metrics', window],
    queryFn: ({ signal }) => fetchJson(`/api/ui/service-metrics?window=${window}`, ZServiceMetricsResponse, { signal }),
    placeholderData: keepPreviousData,
  });

/** The service call graph over the window, from the Jaeger-compatible /api/dependencies. */
export const useDependencies = (window: MetricWindow) =>
  useQuery({
    queryKey: ['dependencies', window],
    queryFn: async ({ signal }) =>
      (await fetchJson(`/api/dependencies?endTs=${Date.now()}&lookback=${WINDOW_MS[window]}`, ZDependenciesResponse, { signal })).data,
    placeholderData: keepPreviousData,
  });
