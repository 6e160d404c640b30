'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { CompareBaseline, CompareTrace } from '@/lib/api/pages/compare-answer';
import { useCompare } from '@/lib/client/compare-queries';
import { compareRows, countCompareRows, filterCompareRows, type CompareFilter, type CompareRow } from '@/lib/view/compare/compare-rows';
import { formatDurationUs } from '@/lib/view/format/format-duration';
import { serviceColor } from '@/lib/view/format/service-color';

const FILTERS: { id: CompareFilter; label: string }[] = [
  { id: 'changed', label: 'Changed' },
  { id: 'only-b', label: 'Only in B' },
  { id: 'only-a', label: 'Only in A' },
  { id: 'all', label: 'All' },
];

const STATUS_LABEL: Record<CompareRow['status'], { text: string; cls: string }> = {
  'only-a': { text: 'only in A', cls: 'bg-slate-200 text-slate-700' },
  'only-b': { text: 'only in B', cls: 'bg-violet-100 text-violet-800' },
  slower: { text: 'slower', cls: 'bg-red-100 text-red-800' },
  faster: { text: 'faster', cls: 'bg-emerald-100 text-emerald-800' },
  changed: { text: 'changed', cls: 'bg-amber-100 text-amber-800' },
  same: { text: 'same', cls: 'bg-slate-100 text-slate-500' },
};

const us = (ns: string | undefined) => (ns === undefined ? undefined : Number(ns) / 1000);
const dur = (ns: string | undefined) => (ns === undefined ? '–' : formatDurationUs(us(ns)!));
const signed = (deltaUs: number) => (deltaUs === 0 ? '0' : `${deltaUs > 0 ? '+' : ''}${formatDurationUs(deltaUs)}`);

function Side({ label, side }: { label: string; side: CompareTrace | CompareBaseline }) {
  const [service, operation] = [side.rootService, side.rootOperation];
  return (
    <div className="min-w-0 flex-1 rounded-md border border-slate-200 bg-white p-3 text-sm" data-testid={`compare-side-${label.toLowerCase()}`}>
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</p>
      <p className="truncate font-semibold">
        <span className="mr-1.5 inline-block size-3 rounded-sm align-baseline" style={{ background: serviceColor(service) }} aria-hidden="true" />
        <span>{service}</span>: {operation}
      </p>
      {'baseline' in side ? (
        <p className="text-slate-600">The typical trace: per path, the median over the latest {side.traceCount} traces of this operation · median duration {dur(side.durationNs)}</p>
      ) : (
        <p className="text-slate-600">
          <Link href={`/trace/${side.traceId}`} className="font-mono text-sky-700 hover:underline">{side.traceId}</Link> · {dur(side.durationNs)} · {side.spanCount} spans
        </p>
      )}
    </div>
  );
}

// Two traces (or a trace and its baseline) matched by their paths of service:operation: nodes
// only in A, only in B and changed ones, the biggest change of total duration first.
export function CompareView({ a, b }: { a: string; b: string }) {
  const { data, error, isPending } = useCompare(a, b);
  const [filter, setFilter] = useState<CompareFilter>('changed');
  const rows = useMemo(() => (data ? compareRows(data) : []), [data]);
  if (isPending) return <div className="h-64 animate-pulse rounded-md bg-slate-100" data-testid="compare-loading" />;
  if (error) return <div className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800" data-testid="compare-error">{error.message}</div>;
  const counts = countCompareRows(rows);
  const shown = filterCompareRows(rows, filter);
  return (
    <div className="space-y-3" data-testid="compare-page">
      <div className="flex items-baseline gap-3">
        <h1 className="text-xl font-semibold">Compare traces</h1>
        {!('baseline' in data.b) && (
          <Link href={`/compare/${data.a.traceId}...baseline`} className="text-sm text-sky-700 hover:underline" data-testid="compare-baseline-link">
            A against its typical trace instead
          </Link>
        )}
      </div>
      <div className="flex gap-3">
        <Side label="A" side={data.a} />
        <Side label="B" side={data.b} />
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <p className="text-slate-600" data-testid="compare-summary">
          {counts.changed} changed · {counts.onlyB} only in B · {counts.onlyA} only in A · {counts.same} the same
        </p>
        <div role="tablist" aria-label="Show" className="ml-auto flex rounded-md border border-slate-300 bg-white p-0.5 text-xs font-medium">
          {FILTERS.map((f) => (
            <button key={f.id} type="button" role="tab" aria-selected={filter === f.id} onClick={() => setFilter(f.id)}
              className={`rounded px-2 py-0.5 ${filter === f.id ? 'bg-sky-700 text-white' : 'text-slate-700 hover:bg-slate-100'}`} data-testid={`compare-filter-${f.id}`}>
              {f.label}
            </button>
          ))}
        </div>
      </div>
      <div className="overflow-auto rounded-md border border-slate-200 bg-white">
        <table className="w-full text-sm" data-testid="compare-table">
          <thead className="bg-slate-50 text-xs text-slate-600">
            <tr>
              <th className="px-2 py-1.5 text-left font-medium">Path (service: operation)</th>
              <th className="px-2 py-1.5 text-left font-medium">What changed</th>
              <th className="px-2 py-1.5 text-right font-medium">Count A → B</th>
              <th className="px-2 py-1.5 text-right font-medium">Total A → B</th>
              <th className="px-2 py-1.5 text-right font-medium">Δ total</th>
              <th className="px-2 py-1.5 text-right font-medium">Self A → B</th>
              <th className="px-2 py-1.5 text-right font-medium">Δ self</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const leaf = r.node.path[r.node.path.length - 1];
              const [service, ...op] = leaf.split(':');
              return (
                <tr key={r.node.path.join('\u001f')} className="border-t border-slate-100" data-testid="compare-row" data-status={r.status}>
                  <td className="px-2 py-1" title={r.node.path.join(' → ')}>
                    <span style={{ paddingLeft: `${(r.node.path.length - 1) * 0.75}rem` }} className="inline-flex items-center gap-1.5">
                      <span className="size-2 shrink-0 rounded-sm" style={{ background: serviceColor(service) }} />
                      <span className="text-slate-500">{service}:</span>
                      <span className="font-medium" data-testid="compare-row-operation">{op.join(':')}</span>
                    </span>
                  </td>
                  <td className="px-2 py-1">
                    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_LABEL[r.status].cls}`} data-testid="compare-row-status">{STATUS_LABEL[r.status].text}</span>
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">{r.node.a?.count ?? '–'} → {r.node.b?.count ?? '–'}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{dur(r.node.a?.totalNs)} → {dur(r.node.b?.totalNs)}</td>
                  <td className={`px-2 py-1 text-right font-medium tabular-nums ${r.deltaUs > 0 ? 'text-red-700' : r.deltaUs < 0 ? 'text-emerald-700' : 'text-slate-500'}`} data-testid="compare-row-delta">
                    {signed(r.deltaUs)}
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">{dur(r.node.a?.selfNs)} → {dur(r.node.b?.selfNs)}</td>
                  <td className="px-2 py-1 text-right tabular-nums text-slate-600">{signed(r.selfDeltaUs)}</td>
                </tr>
              );
            })}
            {shown.length === 0 && (
              <tr><td colSpan={7} className="px-2 py-6 text-center text-slate-500">Nothing here.</td></tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
