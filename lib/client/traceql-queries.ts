import { useQuery } from '@tanstack/react-query';
import type { SuggestionScope } from '@/lib/api/pages/traceql-suggestion-answers';
import { fetchJson } from './fetch-json';
import { ZTraceqlKeys, ZTraceqlValues } from './schemas';

// The query box's suggestions from what was stored: attribute keys of a scope, values of a key,
// narrowed to a service when the query names one. Cached for a minute: typing does not refetch.

const withService = (params: URLSearchParams, service: string | undefined) => {
  if (service) params.set('service', service);
  return params;
};

/** Attribute keys of one TraceQL scope; idle while `enabled` is false. */
export const useTraceqlKeys = (scope: SuggestionScope, service: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: ['traceql-keys', scope, service ?? ''],
    queryFn: async ({ signal }) =>
      (await fetchJson(`/api/ui/traceql/keys?${withService(new URLSearchParams({ scope }), service)}`, ZTraceqlKeys, { signal })).keys,
    enabled,
    staleTime: 60_000,
  });

/**
 * Values of one TraceQL identifier (`span.http.method`, `status`); idle without one. `narrow`:
 * only the values containing it (asked when the full list was capped and something was typed).
 */
export const useTraceqlValues = (tag: string | undefined, service: string | undefined, narrow = '') =>
  useQuery({
    queryKey: ['traceql-values', tag ?? '', service ?? '', narrow],
    queryFn: ({ signal }) => {
      const params = withService(new URLSearchParams({ tag: tag! }), service);
      if (narrow !== '') params.set('q', narrow);
      return fetchJson(`/api/ui/traceql/values?${params}`, ZTraceqlValues, { signal });
    },
    enabled: tag !== undefined && tag !== '',
    staleTime: 60_000,
    placeholderData: (previous) => previous, // the list stays while a narrower one loads
  });
