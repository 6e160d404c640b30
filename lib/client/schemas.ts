import { z } from '@/lib/model/zod';

// The shapes of the JSON the UI reads, checked where it enters the query cache.

export const ZServiceSummary = z.object({ name: z.string(), spanCount: z.number(), errorSpanCount: z.number() });

export const ZTraceHit = z.object({
  traceId: z.string(),
  rootServiceName: z.string(),
  rootOperationName: z.string(),
  startUs: z.number(),
  durationUs: z.number(),
  spanCount: z.number(),
  errorSpanCount: z.number(),
  services: z.array(ZServiceSummary),
});

export const ZWindow = z.object({ startMs: z.number(), endMs: z.number() });

export const ZSearchResponse = z.object({
  traces: z.array(ZTraceHit),
  window: ZWindow,
  nextPageToken: z.string(),
  total: z.number(),
  totalIsEstimate: z.boolean(),
});
export type TSearchResponse = z.infer<typeof ZSearchResponse>;

export const ZServicesResponse = z.object({ data: z.array(z.string()) });

export const ZOperationsResponse = z.object({ operations: z.array(z.object({ name: z.string(), spanKind: z.string() })) });
export type TOperation = z.infer<typeof ZOperationsResponse>['operations'][number];

export const ZAttributeKeys = z.object({
  keys: z.array(z.object({ key: z.string(), source: z.enum(['span', 'resource']), count: z.number() })),
});
export const ZAttributeValues = z.object({ values: z.array(z.object({ value: z.string(), count: z.number() })) });

const ZLatency = z.object({ requests: z.number(), errors: z.number(), p50Us: z.number(), p95Us: z.number(), p99Us: z.number() });
export const ZServiceMetricsResponse = z.object({
  window: ZWindow,
  serviceNames: z.array(z.string()),
  services: z.array(ZLatency.extend({ service: z.string() })),
  operations: z.array(ZLatency.extend({ service: z.string(), operation: z.string(), kind: z.number() })),
  series: z.array(ZLatency.extend({ service: z.string(), bucketStartMs: z.number() })),
});
export type TServiceMetricsResponse = z.infer<typeof ZServiceMetricsResponse>;
export type TLatency = z.infer<typeof ZLatency>;

export const ZDependenciesResponse = z.object({
  data: z.array(z.object({ parent: z.string(), child: z.string(), callCount: z.number() })),
});

/** /api/ui/traceql/keys and /values (lib/api/pages/traceql-suggestion-answers.ts) */
export const ZTraceqlKeys = z.object({ keys: z.array(z.string()) });
export const ZTraceqlValues = z.object({ values: z.array(z.object({ type: z.string(), value: z.string() })), capped: z.boolean() });

/** /api/ui/aggregate, its /compare, and /api/ui/exceptions (lib/api/pages/aggregate-answer.ts, exceptions-answer.ts) */
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
