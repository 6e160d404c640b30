import type { Literal, SpanCondition } from '@/lib/filter/filter-ast';
import { formatTraceQL } from '@/lib/filter/format-traceql';
import type { GroupKey } from '@/lib/api/params/parse-aggregate-params';
import { durationBucketEdgesNs } from '@/lib/model/duration-buckets';
import type { AggregateSpansResult, KeyValue } from '@/lib/store/read/aggregate-spans';

// The wire contract of GET /api/ui/aggregate (issue 14). Nanoseconds and times are decimal
// strings (they exceed 2^53); counts are numbers. A missing key value is `null`. Beyond the
// issue's fields: each group's `searchQuery` (the filter and the group as one TraceQL query, for
// the search page), the duration histogram, and how many groups were cut.

export type AggregatePoint = { t: string; count: number; errorCount: number; p95Ns: string };

export type AggregateGroupAnswer = {
  key: Record<string, string | null>;
  count: number;
  errorCount: number;
  p50Ns: string;
  p95Ns: string;
  p99Ns: string;
  series: AggregatePoint[];
  /** TraceQL finding the spans of this group (the filter and the group's key values) */
  searchQuery: string;
};

export type HistogramBucket = { lowNs: string; highNs: string; count: number };

export type AggregateAnswer = {
  window: { startNs: string; endNs: string };
  stepNs: string;
  groupBy: string[];
  groups: AggregateGroupAnswer[];
  /** groups before the cut to `groupLimit` (the largest by count are kept) */
  totalGroups: number;
  groupLimit: number;
  /** log-scaled duration buckets, [lowNs, highNs), of every matching span */
  histogram: HistogramBucket[];
};

const literalOf = (v: NonNullable<KeyValue>): Literal | undefined => {
  switch (v.type) {
    case 'string':
      return { type: 'string', value: v.text };
    case 'int':
      return { type: 'int', value: BigInt(v.text) };
    case 'double':
      return Number.isFinite(Number(v.text)) ? { type: 'double', value: Number(v.text) } : undefined;
    case 'bool':
      return { type: 'bool', value: v.text === 'true' };
    case 'kind':
      return { type: 'kind', value: v.text as Extract<Literal, { type: 'kind' }>['value'] };
    case 'status':
      return { type: 'status', value: v.text as Extract<Literal, { type: 'status' }>['value'] };
    default:
      return undefined; // arrays and maps have no TraceQL literal: the query is wider than the group
  }
};

/** The filter and a group's key values as one TraceQL query. */
export const groupSearchQuery = (where: SpanCondition, keys: GroupKey[], values: KeyValue[]): string => {
  const conds: SpanCondition[] = [];
  keys.forEach((k, i) => {
    const v = values[i];
    if (v === null) conds.push({ kind: 'exists', operand: k.operand, negated: true });
    else {
      const value = literalOf(v);
      if (value) conds.push({ kind: 'compare', operand: k.operand, op: '=', value });
    }
  });
  const all = where.kind === 'true' ? conds : [where, ...conds];
  const cond: SpanCondition = all.length === 0 ? { kind: 'true' } : all.length === 1 ? all[0] : { kind: 'and', args: all };
  try {
    return formatTraceQL({ root: { kind: 'spans', where: cond } });
  } catch {
    return formatTraceQL({ root: { kind: 'spans', where } });
  }
};

export const toAggregateAnswer = (
  o: { where: SpanCondition; groupBy: GroupKey[]; startNs: bigint; endNs: bigint; stepNs: bigint; groupLimit: number },
  r: AggregateSpansResult,
): AggregateAnswer => ({
  window: { startNs: String(o.startNs), endNs: String(o.endNs) },
  stepNs: String(o.stepNs),
  groupBy: o.groupBy.map((g) => g.text),
  groups: r.groups.map((g) => ({
    key: Object.fromEntries(o.groupBy.map((k, i) => [k.text, g.key[i]?.text ?? null])),
    count: Number(g.count),
    errorCount: Number(g.errorCount),
    p50Ns: String(g.p50Ns),
    p95Ns: String(g.p95Ns),
    p99Ns: String(g.p99Ns),
    series: g.series.map((p) => ({
      t: String(o.startNs + BigInt(p.bucket) * o.stepNs),
      count: Number(p.count),
      errorCount: Number(p.errorCount),
      p95Ns: String(p.p95Ns),
    })),
    searchQuery: groupSearchQuery(o.where, o.groupBy, g.key),
  })),
  totalGroups: r.totalGroups,
  groupLimit: o.groupLimit,
  histogram: r.histogram.map(([b, n]) => {
    const [low, high] = durationBucketEdgesNs(b);
    return { lowNs: String(low), highNs: String(high), count: Number(n) };
  }),
});
