import Link from 'next/link';
import type { TAggregateGroup } from '@/lib/client/analytics-queries';
import { formatDurationUs } from '@/lib/view/format/format-duration';
import { formatErrorRate, formatRate } from '@/lib/view/format/format-metrics';
import { sortGroups } from '@/lib/view/explore/sort-groups';

type Props = {
  groups: TAggregateGroup[];
  groupBy: string[];
  widthMs: number;
  sort: string;
  dir: 'asc' | 'desc';
  onSort: (column: string) => void;
  hrefOf: (g: TAggregateGroup) => string;
};

const METRIC_COLUMNS = [
  { id: 'count', label: 'Spans' },
  { id: 'rate', label: 'Rate' },
  { id: 'errorCount', label: 'Errors' },
  { id: 'errorRate', label: 'Error %' },
  { id: 'p50Ns', label: 'p50' },
  { id: 'p95Ns', label: 'p95' },
  { id: 'p99Ns', label: 'p99' },
];

const duration = (ns: string) => formatDurationUs(Number(ns) / 1000);

/** One row per group, sortable by any column (the header buttons); each row leads to its traces. */
export function GroupsTable({ groups, groupBy, widthMs, sort, dir, onSort, hrefOf }: Props) {
  const rows = sortGroups(groups, sort, dir);
  const header = (id: string, label: string, numeric: boolean) => (
    <th key={id} scope="col" aria-sort={sort === id ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'} className={`py-1.5 pr-2 font-medium ${numeric ? 'text-right' : ''}`}>
      <button type="button" onClick={() => onSort(id)} data-testid={`sort-${id}`} className="uppercase hover:text-slate-900">
        {label}{sort === id ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="groups-table">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
            {groupBy.map((k) => header(k, k, false))}
            {groupBy.length === 0 && <th scope="col" className="py-1.5 pr-2 font-medium uppercase">All spans</th>}
            {METRIC_COLUMNS.map((c) => header(c.id, c.label, true))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((g) => (
            <tr key={JSON.stringify(g.key)} data-testid="group-row" className="hover:bg-slate-50">
              {groupBy.map((k, i) => (
                <td key={k} className="max-w-64 truncate py-1.5 pr-2" data-testid="group-key">
                  {i === 0 ? (
                    <Link href={hrefOf(g)} prefetch={false} className="text-sky-700 hover:underline" data-testid="group-link" title="Find these spans' traces">
                      {g.key[k] ?? <em className="text-slate-500">(none)</em>}
                    </Link>
                  ) : (g.key[k] ?? <em className="text-slate-500">(none)</em>)}
                </td>
              ))}
              {groupBy.length === 0 && (
                <td className="py-1.5 pr-2"><Link href={hrefOf(g)} prefetch={false} className="text-sky-700 hover:underline" data-testid="group-link">all matching spans</Link></td>
              )}
              <td className="py-1.5 pr-2 text-right font-mono tabular-nums" data-testid="group-count">{g.count}</td>
              <td className="py-1.5 pr-2 text-right font-mono tabular-nums">{formatRate(g.count, widthMs)}</td>
              <td className={`py-1.5 pr-2 text-right font-mono tabular-nums ${g.errorCount > 0 ? 'text-red-700' : ''}`}>{g.errorCount}</td>
              <td className={`py-1.5 pr-2 text-right font-mono tabular-nums ${g.errorCount > 0 ? 'text-red-700' : ''}`}>{formatErrorRate(g.errorCount, g.count)}</td>
              <td className="py-1.5 pr-2 text-right font-mono tabular-nums">{duration(g.p50Ns)}</td>
              <td className="py-1.5 pr-2 text-right font-mono tabular-nums">{duration(g.p95Ns)}</td>
              <td className="py-1.5 pr-2 text-right font-mono tabular-nums" data-testid="group-p99" data-ns={g.p99Ns}>{duration(g.p99Ns)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
