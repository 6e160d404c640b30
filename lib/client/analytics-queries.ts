import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { fetchJson } from './fetch-json';

// TanStack Query hooks of the explore and exceptions pages (/api/ui/aggregate, /api/ui/exceptions).

const ZNs = z.string().regex(/^\d+$/);

export const ZAggregateResponse = z.object({
  window: z.object({ startNs: ZNs, endNs: ZNs }),
  stepNs: ZNs,
  groupBy: z.array(z.string()),
  groups: z.array(
    z.object({
      key: z.record(z.string(), z.string().nullable()),
      count: z.number(),
      errorCount: z.number(),
      p50Ns: ZNs,
      p95Ns: ZNs,
      p99Ns: ZNs,
      series: z.array(z.object({ t: ZNs, count: z.number(), errorCount: z.number(), p95Ns: ZNs })),
      searchQuery: z.string(),
    }),
  ),
  totalGroups: z.number(),
  groupLimit: z.number(),
  histogram: z.array(z.object({ lowNs: ZNs, highNs: ZNs, count: z.number() })),
});
export type TAggregateResponse = z.infer<typeof ZAggregateResponse>;
export type TAggregateGroup = TAggregateResponse['groups'][number];

export const ZExceptionsResponse = z.object({
  window: z.object({ startNs: ZNs, endNs: ZNs }),
  stepNs: ZNs,
  groups: z.array(
    z.object({
      service: z.string(),
      type: z.string(),
      fingerprint: z.string(),
      count: z.number(),
      firstSeenNs: ZNs,
      lastSeenNs: ZNs,
      exampleMessage: z.string(),
      exampleTraceId: z.string(),
      exampleStacktrace: z.string(),
      topOperations: z.array(z.object({ operation: z.string(), count: z.number() })),
      series: z.array(z.object({ t: ZNs, count: z.number() })),
    }),
  ),
  totalGroups: z.number(),
  groupLimit: z.number(),
  truncated: z.boolean(),
});
export type TExceptionsResponse = z.infer<typeof ZExceptionsResponse>;
export type TExceptionGroup = TExceptionsResponse['groups'][number];

export const ZCompareResponse = z.object({
  selectedSpans: z.number(),
  restSpans: z.number(),
  capped: z.boolean(),
  maxSpans: z.number(),
  differences: z.array(z.object({ key: z.string(), value: z.string(), selectedPct: z.number(), restPct: z.number(), selected: z.number(), rest: z.number() })),
});
export type TCompareResponse = z.infer<typeof ZCompareResponse>;

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
