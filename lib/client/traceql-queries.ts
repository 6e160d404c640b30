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

/** Values of one TraceQL identifier (`span.http.method`, `status`); idle without one. */
export const useTraceqlValues = (tag: string | undefined, service: string | undefined) =>
  useQuery({
    queryKey: ['traceql-values', tag ?? '', service ?? ''],
    queryFn: ({ signal }) => fetchJson(`/api/ui/traceql/values?${withService(new URLSearchParams({ tag: tag! }), service)}`, ZTraceqlValues, { signal }),
    enabled: tag !== undefined && tag !== '',
    staleTime: 60_000,
  });
