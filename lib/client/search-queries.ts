import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { toPageParams, toQueryParams, type NextPage, type SearchState } from '@/lib/api/pages/search-state';
import { fetchJson } from './fetch-json';
import { ZAttributeKeys, ZAttributeValues, ZOperationsResponse, ZSearchResponse, ZServicesResponse } from './schemas';

// TanStack Query hooks of the search page; query keys stay private to this file.

const searchKey = (query: string) => ['trace-search', query] as const;

const SEARCH_KEPT_MS = 10 * 60_000;

/**
 * Marks a search's cached answer stale before it is submitted, so pressing Search always asks the
 * server (the same search again is refetched; another one is fetched when its page shows it).
 */
export const useRefreshSearch = () => {
  const client = useQueryClient();
  return useCallback(
    (state: SearchState) => void client.invalidateQueries({ queryKey: searchKey(toQueryParams(state).toString()), exact: true }),
    [client],
  );
};

/**
 * The pages of a search, sorted by the server over every match; fetchNextPage loads the next one
 * with the previous answer's token and the first answer's window (tz does not refetch).
 */
export const useTraceSearch = (state: SearchState) => {
  const query = toQueryParams(state).toString();
  return useInfiniteQuery({
    queryKey: searchKey(query),
    queryFn: ({ pageParam, signal }) => fetchJson(`/api/ui/search?${toPageParams(state, pageParam)}`, ZSearchResponse, { signal }),
    initialPageParam: undefined as NextPage | undefined,
    getNextPageParam: (last, pages): NextPage | undefined =>
      last.nextPageToken === '' ? undefined : { pageToken: last.nextPageToken, window: pages[0].window },
    // a search is re-run when the user submits it (useRefreshSearch), not when Back brings its
    // page back: the last results come from the cache at once, with no request
    staleTime: SEARCH_KEPT_MS,
    gcTime: SEARCH_KEPT_MS,
    // the previous results stay (dimmed) while the next search runs: no skeleton flash, no layout jump
    placeholderData: keepPreviousData,
  });
};

/** Every service name. */
export const useServices = () =>
  useQuery({
    queryKey: ['services'],
    queryFn: async ({ signal }) => (await fetchJson('/api/services', ZServicesResponse, { signal })).data,
    staleTime: 30_000,
  });

/** A service's operations with their span kinds; idle without a service. */
export const useOperations = (service: string) =>
  useQuery({
    queryKey: ['operations', service],
    queryFn: async ({ signal }) =>
      (await fetchJson(`/api/v3/operations?service=${encodeURIComponent(service)}`, ZOperationsResponse, { signal })).operations,
    enabled: service !== '',
    staleTime: 30_000,
  });

/** Attribute keys a service has sent recently (for the attributes box). */
export const useAttributeKeys = (service: string) =>
  useQuery({
    queryKey: ['attribute-keys', service],
    queryFn: async ({ signal }) =>
      (await fetchJson(`/api/ui/attributes?service=${encodeURIComponent(service)}`, ZAttributeKeys, { signal })).keys,
    enabled: service !== '',
    staleTime: 60_000,
  });

/** Recent values of one attribute key of a service. */
export const useAttributeValues = (service: string, key: string) =>
  useQuery({
    queryKey: ['attribute-values', service, key],
    queryFn: async ({ signal }) =>
      (await fetchJson(`/api/ui/attributes?service=${encodeURIComponent(service)}&key=${encodeURIComponent(key)}`, ZAttributeValues, { signal }))
        .values,
    enabled: service !== '' && key !== '',
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

export type TraceSearch = ReturnType<typeof useTraceSearch>;
