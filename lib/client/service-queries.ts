import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { METRIC_WINDOW_MS, type MetricWindow } from '@/lib/api/pages/metric-windows';
import { fetchJson } from './fetch-json';
import { ZDependenciesResponse, ZServiceMetricsResponse } from './schemas';

// TanStack Query hooks of the services page.

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
      (await fetchJson(`/api/dependencies?endTs=${Date.now()}&lookback=${METRIC_WINDOW_MS[window]}`, ZDependenciesResponse, { signal })).data,
    placeholderData: keepPreviousData,
  });
