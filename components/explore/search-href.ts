import { DEFAULT_SEARCH_STATE, toSearchParams } from '@/lib/api/pages/search-state';

/** The search page for a TraceQL query over a window (unix ms): where every number of the analytics pages leads. */
export const searchHref = (q: string, startMs: number, endMs: number): string =>
  `/search?${toSearchParams({ ...DEFAULT_SEARCH_STATE, q, lookback: 'custom', startMs: Math.floor(startMs), endMs: Math.ceil(endMs) }).toString()}`;

/** The search page for the traces of one trace id. */
export const traceHref = (traceId: string): string => `/trace/${traceId}`;
