import { fingerprintMessage } from '@/lib/model/fingerprint-message';
import type { ExceptionEventRow } from '@/lib/store/read/list-exception-events';

// Exception groups: service + exception type + the fingerprint of the message (numbers, ids, hex
// and quoted values masked, lib/model/fingerprint-message.ts), so "order 123 not found" and
// "order 456 not found" are one group. Largest first.

export type ExceptionGroup = {
  service: string;
  type: string;
  fingerprint: string;
  count: number;
  firstSeenNs: bigint;
  lastSeenNs: bigint;
  /** the message of the latest event */
  exampleMessage: string;
  exampleTraceId: string;
  exampleStacktrace: string;
  /** operations carrying the exception, most first (at most 5) */
  topOperations: { operation: string; count: number }[];
  /** [bucket index, count] in bucket order */
  buckets: [number, number][];
};

const TOP_OPERATIONS = 5;

export const groupExceptions = (rows: ExceptionEventRow[]): ExceptionGroup[] => {
  type Acc = ExceptionGroup & { ops: Map<string, number>; perBucket: Map<number, number> };
  const groups = new Map<string, Acc>();
  for (const r of rows) {
    const fingerprint = fingerprintMessage(r.message);
    const id = JSON.stringify([r.service, r.type, fingerprint]);
    let g = groups.get(id);
    if (!g) {
      g = {
        service: r.service, type: r.type, fingerprint, count: 0, firstSeenNs: r.firstNs, lastSeenNs: r.lastNs,
        exampleMessage: r.message, exampleTraceId: r.traceId, exampleStacktrace: r.stacktrace,
        topOperations: [], buckets: [], ops: new Map(), perBucket: new Map(),
      };
      groups.set(id, g);
    }
    g.count += r.count;
    if (r.firstNs < g.firstSeenNs) g.firstSeenNs = r.firstNs;
    if (r.lastNs >= g.lastSeenNs) {
      g.lastSeenNs = r.lastNs;
      g.exampleMessage = r.message;
      g.exampleTraceId = r.traceId;
      if (r.stacktrace !== '') g.exampleStacktrace = r.stacktrace;
    }
    if (g.exampleStacktrace === '') g.exampleStacktrace = r.stacktrace;
    g.ops.set(r.operation, (g.ops.get(r.operation) ?? 0) + r.count);
    g.perBucket.set(r.bucket, (g.perBucket.get(r.bucket) ?? 0) + r.count);
  }
  return [...groups.values()]
    .map(({ ops, perBucket, ...g }) => ({
      ...g,
      topOperations: [...ops].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_OPERATIONS).map(([operation, count]) => ({ operation, count })),
      buckets: [...perBucket].sort((a, b) => a[0] - b[0]),
    }))
    .sort((a, b) => b.count - a.count || a.service.localeCompare(b.service) || a.type.localeCompare(b.type) || a.fingerprint.localeCompare(b.fingerprint));
};
