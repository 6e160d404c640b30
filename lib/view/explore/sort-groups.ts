import type { AggregateGroupAnswer } from '@/lib/api/pages/aggregate-answer';

// The explore table's rows and their order: any column sorts, ascending or descending; a
// missing key value (null) sorts last either way, and ties keep the server's order (by count).

export type ExploreColumn = { kind: 'key'; key: string } | { kind: 'metric'; metric: ExploreMetric };
export const EXPLORE_METRICS = ['count', 'rate', 'errorCount', 'errorRate', 'p50Ns', 'p95Ns', 'p99Ns'] as const;
export type ExploreMetric = (typeof EXPLORE_METRICS)[number];

/** What sorting needs of a group of the aggregate answer. */
export type GroupRow = Pick<AggregateGroupAnswer, 'key' | 'count' | 'errorCount' | 'p50Ns' | 'p95Ns' | 'p99Ns'>;

/** A column's sortable value of a row (numbers for metrics; rate sorts as count in one window). */
const valueOf = (row: GroupRow, sort: string): string | number | null => {
  switch (sort) {
    case 'count':
    case 'rate':
      return row.count;
    case 'errorCount':
      return row.errorCount;
    case 'errorRate':
      return row.count === 0 ? 0 : row.errorCount / row.count;
    case 'p50Ns':
    case 'p95Ns':
    case 'p99Ns':
      return Number(row[sort]);
    default:
      return row.key[sort] ?? null;
  }
};

const collator = new Intl.Collator(undefined, { numeric: true });

/** The rows sorted by `sort` (a metric name or a group key) in `dir`; a stable sort. */
export const sortGroups = <R extends GroupRow>(rows: R[], sort: string, dir: 'asc' | 'desc'): R[] => {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, v: valueOf(row, sort) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : collator.compare(String(a.v), String(b.v));
      return c !== 0 ? sign * c : a.i - b.i;
    })
    .map((x) => x.row);
};
