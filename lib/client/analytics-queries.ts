import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchJson } from './fetch-json';
import { ZAggregateResponse, ZCompareResponse, ZExceptionsResponse } from './schemas';

export type { TAggregateGroup, TAggregateResponse, TCompareResponse, TExceptionGroup, TExceptionsResponse } from './schemas';

// TanStack Query hooks of the explore and exceptions pages (/api/ui/aggregate, /api/ui/exceptions).

const ns = (ms: number) => `${Math.round(ms)}000000`;

export type AggregateRequest = { filter: string; groupBy: string[]; startMs: number; endMs: number };

/** Span counts, errors and percentiles per group, their series, and the duration histogram. */
export const useAggregate = (r: AggregateRequest) =>
  useQuery({
    queryKey: ['aggregate', r],
    queryFn: ({ signal }) => {
      const p = new URLSearchParams({ filter: r.filter, groupBy: r.groupBy.join(','), start: ns(r.startMs), end: ns(r.endMs) });
      return fetchJson(`/api/ui/aggregate?${p}`, ZAggregateResponse, { signal });
    },
    placeholderData: keepPreviousData,
    retry: false,
  });

/** Exception groups over the window (optionally of one service). */
export const useExceptions = (r: { startMs: number; endMs: number; service: string }) =>
  useQuery({
    queryKey: ['exceptions', r],
    queryFn: ({ signal }) => {
      const p = new URLSearchParams({ start: ns(r.startMs), end: ns(r.endMs), ...(r.service !== '' && { service: r.service }) });
      return fetchJson(`/api/ui/exceptions?${p}`, ZExceptionsResponse, { signal });
    },
    placeholderData: keepPreviousData,
    retry: false,
  });

/** The attribute values over-represented in `selection` against the rest of the spans matching `filter`. */
export const useCompare = (r: { filter: string; selection: string; startMs: number; endMs: number } | undefined) =>
  useQuery({
    queryKey: ['aggregate-compare', r],
    enabled: r !== undefined,
    queryFn: ({ signal }) => {
      const p = new URLSearchParams({ filter: r!.filter, selection: r!.selection, start: ns(r!.startMs), end: ns(r!.endMs) });
      return fetchJson(`/api/ui/aggregate/compare?${p}`, ZCompareResponse, { signal });
    },
    retry: false,
  });
