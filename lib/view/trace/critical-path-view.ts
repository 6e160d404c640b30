import type { CriticalPathBody } from '@/lib/api/pages/trace-analysis';
import type { Trace } from './trace-model';

// The server's critical path (GET /api/ui/traces/{id}/critical-path) in the timeline's terms:
// sections per span in µs from the trace start (to mark only the critical part of each bar), the
// spans to keep when only the critical path is shown (those with a section, and their ancestors,
// so the tree still reads from the root), and each service's time on the path.

export type CriticalInterval = readonly [startUs: number, endUs: number];

export type CriticalServiceShare = { service: string; us: number; share: number };

export type CriticalPathView = {
  bySpan: ReadonlyMap<string, readonly CriticalInterval[]>;
  keep: ReadonlySet<string>;
  /** services with time on the path, the most first; `share` is of the trace's duration */
  services: CriticalServiceShare[];
};

export const toCriticalPathView = (trace: Trace, body: CriticalPathBody): CriticalPathView => {
  const origin = BigInt(trace.startNs);
  const us = (ns: string) => Number(BigInt(ns) - origin) / 1000;
  const bySpan = new Map<string, CriticalInterval[]>();
  const perService = new Map<string, number>();
  for (const s of body.sections) {
    const span = trace.byId.get(s.spanId);
    if (!span) continue; // the trace changed (spans still arriving) since it was loaded
    const interval: CriticalInterval = [us(s.startNs), us(s.endNs)];
    let list = bySpan.get(s.spanId);
    if (!list) bySpan.set(s.spanId, (list = []));
    list.push(interval);
    perService.set(span.serviceName, (perService.get(span.serviceName) ?? 0) + interval[1] - interval[0]);
  }

  const keep = new Set<string>();
  for (const spanId of bySpan.keys()) {
    for (let span = trace.byId.get(spanId); span && !keep.has(span.spanId); span = span.parentIndex >= 0 ? trace.spans[span.parentIndex] : undefined) {
      keep.add(span.spanId);
    }
  }

  const services = [...perService]
    .map(([service, t]) => ({ service, us: t, share: trace.durationUs > 0 ? t / trace.durationUs : 0 }))
    .sort((a, b) => b.us - a.us || (a.service < b.service ? -1 : 1));
  return { bySpan, keep, services };
};
