import { DEFAULT_SEARCH_STATE, toSearchParams, type Lookback } from '@/lib/api/pages/search-state';

/** The search page URL for a service (and optionally one operation) over a time window. */
export const searchHref = (service: string, lookback: Lookback, operation = ''): string =>
  `/search?${toSearchParams({ ...DEFAULT_SEARCH_STATE, service, operation, lookback }).toString()}`;
