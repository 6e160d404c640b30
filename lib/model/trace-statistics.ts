import { decodeValue, toStringForm, type EncodedAttributes } from './attribute-value';
import { computeSelfTimes } from './self-time';
import { buildSpanTree, type TreeSpan } from './span-tree';

// Trace statistics, as jaeger-ui's Trace Statistics table has them: per service + operation, the
// number of spans, their total duration and their self time (./self-time.ts). Grouped by an
// attribute key, each row is also split by that attribute's value; the span's own attribute wins
// over its resource's, and spans without it fall in a group of their own (`null`), as jaeger-ui's
// "Without tag" row.

export type StatSpan = TreeSpan & { name: string; attributes: EncodedAttributes; resource: { serviceName: string; attributes: EncodedAttributes } };

export type TraceStatRow = { service: string; operation: string; group?: string | null; count: number; totalNs: bigint; selfNs: bigint };

/** The value a span is grouped under for `key`, in the string form tag search compares by; null without it. */
export const groupValueOf = (span: StatSpan, key: string): string | null => {
  const v = Object.hasOwn(span.attributes, key) ? span.attributes[key] : Object.hasOwn(span.resource.attributes, key) ? span.resource.attributes[key] : undefined;
  return v === undefined ? null : toStringForm(decodeValue(v));
};

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One row per (group,) service and operation; the most self time first, then by name. */
export const computeTraceStatistics = (input: readonly StatSpan[], groupBy?: string): TraceStatRow[] => {
  const tree = buildSpanTree(input);
  const self = computeSelfTimes(tree);
  const rows = new Map<string, TraceStatRow>();
  tree.spans.forEach((span, i) => {
    const service = span.resource.serviceName;
    const group = groupBy === undefined ? undefined : groupValueOf(span, groupBy);
    const key = `${group === null ? '0' : '1'}${group ?? ''}\u0000${service}\u0000${span.name}`;
    let row = rows.get(key);
    if (!row) {
      row = { service, operation: span.name, ...(groupBy === undefined ? {} : { group }), count: 0, totalNs: 0n, selfNs: 0n };
      rows.set(key, row);
    }
    row.count++;
    row.totalNs += span.endNs > span.startNs ? span.endNs - span.startNs : 0n;
    row.selfNs += BigInt(self[i]);
  });
  return [...rows.values()].sort(
    (a, b) =>
      (a.selfNs > b.selfNs ? -1 : a.selfNs < b.selfNs ? 1 : 0) ||
      cmp(a.service, b.service) ||
      cmp(a.operation, b.operation) ||
      cmp(a.group ?? '', b.group ?? ''),
  );
};
