import { useMemo, useState } from 'react';
import { useTraceStats } from '@/lib/client/trace-analysis-queries';
import { formatDurationUs } from '@/lib/view/format/format-duration';
import { serviceColor } from '@/lib/view/format/service-color';
import { attributeKeysOf } from '@/lib/view/trace/attribute-keys';
import type { Trace } from '@/lib/view/trace/trace-model';
import { sortStatsTable, toStatsTable, type StatsColumn, type StatsLevel, type StatsSort } from '@/lib/view/trace/trace-stats-table';

type Column = { id: StatsColumn; label: string; numeric: boolean; title?: string };

const percent = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 2 : 1)}%`;

const select = 'h-7 rounded-md border border-slate-300 bg-white px-1.5 text-xs focus:border-sky-500 focus:outline-none';

// The trace's statistics (jaeger-ui's Trace Statistics): per service or service + operation, and
// optionally per value of an attribute, the span count, total and self time, their averages and
// the share of the trace (self time over the trace's duration). Sorted by any column, from the
// server's rows (GET /api/ui/traces/{id}/stats).
export function TraceStatistics({ trace }: { trace: Trace }) {
  const [level, setLevel] = useState<StatsLevel>('operation');
  const [groupBy, setGroupBy] = useState('');
  const [sort, setSort] = useState<StatsSort>({ column: 'selfUs', descending: true });
  const keys = useMemo(() => attributeKeysOf(trace), [trace]);
  const { data, error, isPending, isPlaceholderData } = useTraceStats(trace.traceId, groupBy);

  const rows = useMemo(() => (data ? sortStatsTable(toStatsTable(data.rows, level, trace.durationUs), sort) : []), [data, level, trace, sort]);
  const grouped = data?.rows.some((r) => r.group !== undefined) ?? false;

  const columns: Column[] = [
    ...(grouped ? [{ id: 'group' as const, label: groupBy || 'Group', numeric: false }] : []),
    { id: 'service', label: 'Service', numeric: false },
    ...(level === 'operation' ? [{ id: 'operation' as const, label: 'Operation', numeric: false }] : []),
    { id: 'count', label: 'Count', numeric: true },
    { id: 'totalUs', label: 'Total', numeric: true },
    { id: 'avgUs', label: 'Avg', numeric: true },
    { id: 'selfUs', label: 'Self', numeric: true, title: 'time with no child span running' },
    { id: 'selfAvgUs', label: 'Self avg', numeric: true },
    { id: 'share', label: 'Share', numeric: true, title: 'self time as a share of the trace’s duration' },
  ];

  const onSort = (column: StatsColumn, numeric: boolean) =>
    setSort((prev) => (prev.column === column ? { column, descending: !prev.descending } : { column, descending: numeric }));

  const cell = (row: (typeof rows)[number], id: StatsColumn) => {
    switch (id) {
      case 'group':
        return row.group ?? <span className="italic text-slate-500">without {groupBy}</span>;
      case 'service':
        return (
          <span className="flex items-center gap-1.5">
            <span className="h-2 w-2 shrink-0 rounded-full" style={{ background: serviceColor(row.service) }} aria-hidden />
            {row.service}
          </span>
        );
      case 'operation':
        return row.operation;
      case 'count':
        return row.count.toLocaleString('en-US');
      case 'share':
        return percent(row.share);
      default:
        return formatDurationUs(row[id]);
    }
  };

  return (
    <section className="flex min-h-0 flex-1 flex-col gap-2" aria-label="Trace statistics" data-testid="trace-statistics">
      <div className="flex flex-wrap items-center gap-3 text-xs">
        <label className="flex items-center gap-1.5">
          <span className="text-slate-600">Rows</span>
          <select className={select} value={level} onChange={(e) => setLevel(e.target.value as StatsLevel)} data-testid="stats-level">
            <option value="service">per service</option>
            <option value="operation">per service + operation</option>
          </select>
        </label>
        <label className="flex items-center gap-1.5">
          <span className="text-slate-600">Group by</span>
          <select className={`${select} max-w-56`} value={groupBy} onChange={(e) => setGroupBy(e.target.value)} data-testid="stats-group-by">
            <option value="">no attribute</option>
            {keys.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <span className="text-slate-500" aria-live="polite" data-testid="stats-row-count">
          {isPending ? 'loading…' : `${rows.length.toLocaleString('en-US')} rows`}
        </span>
      </div>
      {error && (
        <div className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800" role="alert">
          Could not compute the statistics: {error.message}
        </div>
      )}
      <div className="min-h-0 flex-1 overflow-auto rounded-md border border-slate-200 bg-white">
        <table className={`w-full text-sm ${isPlaceholderData ? 'opacity-60' : ''}`} data-testid="stats-table">
          <thead className="sticky top-0 bg-slate-50">
            <tr className="border-b border-slate-200 text-xs text-slate-600">
              {columns.map((c) => {
                const active = sort.column === c.id;
                return (
                  <th
                    key={c.id}
                    scope="col"
                    aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                    className={`whitespace-nowrap px-2 py-1.5 font-medium ${c.numeric ? 'text-right' : 'text-left'}`}
                    title={c.title}
                  >
                    <button
                      type="button"
                      className={`inline-flex items-center gap-0.5 rounded px-0.5 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-600 ${active ? 'text-slate-900' : ''}`}
                      onClick={() => onSort(c.id, c.numeric)}
                      data-testid={`stats-sort-${c.id}`}
                    >
                      {c.label}
                      <span aria-hidden className="w-2 text-[10px]">{active ? (sort.descending ? '▼' : '▲') : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.key} className="hover:bg-slate-50" data-testid="stats-row" data-service={row.service} data-operation={row.operation}>
                {columns.map((c) => (
                  <td
                    key={c.id}
                    className={`px-2 py-1.5 ${c.numeric ? 'whitespace-nowrap text-right font-mono text-xs tabular-nums' : 'max-w-64 break-words'}`}
                    data-testid={`stats-cell-${c.id}`}
                  >
                    {cell(row, c.id)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
