import type { CriticalSection } from '@/lib/model/critical-path';
import type { TraceStatRow } from '@/lib/model/trace-statistics';

// The wire contract of the trace page's two analyses, computed on the server from the stored
// trace: GET /api/ui/traces/{id}/critical-path and GET /api/ui/traces/{id}/stats?groupBy=.
// Times are unix nanoseconds and durations nanoseconds, as decimal strings (they exceed 2^53).

export type CriticalPathBody = { sections: { spanId: string; startNs: string; endNs: string }[] };

export type TraceStatsRowWire = { service: string; operation: string; group?: string | null; count: number; totalNs: string; selfNs: string };
export type TraceStatsBody = { rows: TraceStatsRowWire[] };

/** Sections in the walk's order: per root, from its end backwards. */
export const toCriticalPathBody = (sections: readonly CriticalSection[]): CriticalPathBody => ({
  sections: sections.map((s) => ({ spanId: s.spanId, startNs: s.startNs.toString(), endNs: s.endNs.toString() })),
});

/** Rows as computed (most self time first); `group` only when grouped, null for spans without the key. */
export const toTraceStatsBody = (rows: readonly TraceStatRow[]): TraceStatsBody => ({
  rows: rows.map((r) => ({
    service: r.service,
    operation: r.operation,
    ...(r.group !== undefined && { group: r.group }),
    count: r.count,
    totalNs: r.totalNs.toString(),
    selfNs: r.selfNs.toString(),
  })),
});
