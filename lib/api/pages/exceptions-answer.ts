import type { ExceptionGroup } from '@/lib/traces/group-exceptions';

// The wire contract of GET /api/ui/exceptions (issue 14): per group service, type, fingerprint,
// count, firstSeenNs, lastSeenNs (unix ns as decimal strings), exampleMessage, exampleTraceId;
// beyond the fields, an example stack trace, the top operations, a per-bucket count for
// the sparkline, and whether the events read were cut.

export type ExceptionGroupAnswer = {
  service: string;
  type: string;
  fingerprint: string;
  count: number;
  firstSeenNs: string;
  lastSeenNs: string;
  exampleMessage: string;
  exampleTraceId: string;
  exampleStacktrace: string;
  topOperations: { operation: string; count: number }[];
  series: { t: string; count: number }[];
};

export type ExceptionsAnswer = {
  window: { startNs: string; endNs: string };
  stepNs: string;
  groups: ExceptionGroupAnswer[];
  /** groups before the cut to groupLimit */
  totalGroups: number;
  groupLimit: number;
  /** true when more distinct messages were found than one answer reads: the counts are a lower bound */
  truncated: boolean;
};

export const toExceptionsAnswer = (
  o: { startNs: bigint; endNs: bigint; stepNs: bigint; groupLimit: number; truncated: boolean },
  groups: ExceptionGroup[],
): ExceptionsAnswer => ({
  window: { startNs: String(o.startNs), endNs: String(o.endNs) },
  stepNs: String(o.stepNs),
  groups: groups.slice(0, o.groupLimit).map((g) => ({
    service: g.service,
    type: g.type,
    fingerprint: g.fingerprint,
    count: g.count,
    firstSeenNs: String(g.firstSeenNs),
    lastSeenNs: String(g.lastSeenNs),
    exampleMessage: g.exampleMessage,
    exampleTraceId: g.exampleTraceId,
    exampleStacktrace: g.exampleStacktrace,
    topOperations: g.topOperations,
    series: g.buckets.map(([b, count]) => ({ t: String(o.startNs + BigInt(b) * o.stepNs), count })),
  })),
  totalGroups: groups.length,
  groupLimit: o.groupLimit,
  truncated: o.truncated,
});
