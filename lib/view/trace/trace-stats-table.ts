import type { TraceStatsRowWire } from '@/lib/api/pages/trace-analysis';

// The statistics view's table, from the server's rows (GET /api/ui/traces/{id}/stats): per
// service, or per service + operation, optionally split by an attribute's value; with the
// average and the share of the trace (self time over the trace's duration, as jaeger-ui's
// Trace Statistics computes "% of trace"), sortable by any column.

export type StatsLevel = 'service' | 'operation';

export type StatsTableRow = {
  key: string;
  /** the attribute value; null when the span lacks it; undefined when not grouped */
  group: string | null | undefined;
  service: string;
  /** '' per service */
  operation: string;
  count: number;
  totalUs: number;
  selfUs: number;
  avgUs: number;
  selfAvgUs: number;
  share: number;
};

export type StatsColumn = 'group' | 'service' | 'operation' | 'count' | 'totalUs' | 'avgUs' | 'selfUs' | 'selfAvgUs' | 'share';
export type StatsSort = { column: StatsColumn; descending: boolean };

export const toStatsTable = (rows: readonly TraceStatsRowWire[], level: StatsLevel, traceDurationUs: number): StatsTableRow[] => {
  const byKey = new Map<string, StatsTableRow>();
  for (const r of rows) {
    const operation = level === 'operation' ? r.operation : '';
    const key = JSON.stringify([r.group, r.service, operation]);
    let row = byKey.get(key);
    if (!row) {
      row = { key, group: r.group, service: r.service, operation, count: 0, totalUs: 0, selfUs: 0, avgUs: 0, selfAvgUs: 0, share: 0 };
      byKey.set(key, row);
    }
    row.count += r.count;
    row.totalUs += Number(r.totalNs) / 1000;
    row.selfUs += Number(r.selfNs) / 1000;
  }
  for (const row of byKey.values()) {
    row.avgUs = row.count ? row.totalUs / row.count : 0;
    row.selfAvgUs = row.count ? row.selfUs / row.count : 0;
    row.share = traceDurationUs > 0 ? row.selfUs / traceDurationUs : 0;
  }
  return [...byKey.values()];
};

const text = (v: string | null | undefined) => v ?? '';

/** A sorted copy: numbers, or text by code unit; ties by service, operation and group so the order is stable. */
export const sortStatsTable = (rows: readonly StatsTableRow[], { column, descending }: StatsSort): StatsTableRow[] => {
  const dir = descending ? -1 : 1;
  const cmpText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort((a, b) => {
    const x = a[column];
    const y = b[column];
    const primary = typeof x === 'number' && typeof y === 'number' ? x - y : cmpText(text(x as string | null), text(y as string | null));
    return primary * dir || cmpText(a.service, b.service) || cmpText(a.operation, b.operation) || cmpText(text(a.group), text(b.group));
  });
};
