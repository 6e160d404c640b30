'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { useExceptions, type TExceptionGroup, type TExceptionsResponse } from '@/lib/client/analytics-queries';
import { bucketCounts, exceptionSearchQuery, sparklinePoints } from '@/lib/view/explore/exception-views';
import { formatTimestamp } from '@/lib/view/format/format-time';
import { useTimeZone } from '@/components/layout/use-time-zone';
import { searchHref, traceHref } from './search-href';

const WINDOWS = { '1h': 3_600_000, '6h': 6 * 3_600_000, '24h': 24 * 3_600_000 } as const;
type Window = keyof typeof WINDOWS;
const isWindow = (s: string | null): s is Window => s !== null && s in WINDOWS;
const nsToMs = (ns: string) => Number(BigInt(ns) / 1_000_000n);

function Sparkline({ group, answer }: { group: TExceptionGroup; answer: TExceptionsResponse }) {
  const points = sparklinePoints(bucketCounts(group.series, answer.window, answer.stepNs), 96, 20);
  return (
    <svg width={96} height={20} viewBox="0 0 96 20" role="img" aria-label={`${group.count} over the window`} data-testid="exception-sparkline">
      <polyline points={points} fill="none" stroke="var(--chart-error)" strokeWidth={1.5} />
    </svg>
  );
}

function GroupRow({ group, answer, windowMs }: { group: TExceptionGroup; answer: TExceptionsResponse; windowMs: { startMs: number; endMs: number } }) {
  const [open, setOpen] = useState(false);
  const tz = useTimeZone();
  return (
    <>
      <tr data-testid="exception-row" className="align-top hover:bg-slate-50">
        <td className="py-1.5 pr-2">
          <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="exception-toggle" className="text-left hover:underline">
            <span className="font-medium text-red-700" data-testid="exception-type">{group.type || '(no type)'}</span>
            <span className="block font-mono text-xs break-all text-slate-600" data-testid="exception-fingerprint">{group.fingerprint}</span>
          </button>
        </td>
        <td className="py-1.5 pr-2" data-testid="exception-service">{group.service}</td>
        <td className="py-1.5 pr-2 text-right font-mono tabular-nums" data-testid="exception-count">{group.count}</td>
        <td className="py-1.5 pr-2"><Sparkline group={group} answer={answer} /></td>
        <td className="py-1.5 pr-2 text-xs whitespace-nowrap text-slate-600">{formatTimestamp(nsToMs(group.firstSeenNs), tz)}</td>
        <td className="py-1.5 pr-2 text-xs whitespace-nowrap text-slate-600">{formatTimestamp(nsToMs(group.lastSeenNs), tz)}</td>
        <td className="py-1.5 pr-2 text-xs text-slate-600">{group.topOperations.map((o) => `${o.operation} (${o.count})`).join(', ')}</td>
      </tr>
      {open && (
        <tr data-testid="exception-detail">
          <td colSpan={7} className="bg-slate-50 px-3 py-2 text-sm">
            <p className="font-mono text-xs break-all" data-testid="exception-message">{group.exampleMessage}</p>
            {group.exampleStacktrace !== '' && (
              <pre className="mt-2 max-h-64 overflow-auto rounded border border-slate-200 bg-white p-2 text-xs" data-testid="exception-stacktrace">{group.exampleStacktrace}</pre>
            )}
            <div className="mt-2 flex flex-wrap gap-3">
              <Link href={traceHref(group.exampleTraceId)} prefetch={false} className="text-sky-700 hover:underline" data-testid="exception-example-trace">Open the example trace</Link>
              <Link href={searchHref(exceptionSearchQuery(group.service, group.type), windowMs.startMs, windowMs.endMs)} prefetch={false}
                className="text-sky-700 hover:underline" data-testid="exception-search">Find traces with this exception type</Link>
            </div>
          </td>
        </tr>
      )}
    </>
  );
}

/** Exception events grouped by service, type and message fingerprint, with a sparkline and a way to their traces. */
export function ExceptionsPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const asked = params.get('window');
  const window: Window = isWindow(asked) ? asked : '24h';
  const service = params.get('service') ?? '';
  const search = params.toString();
  const range = useMemo(() => { const endMs = Date.now(); return { startMs: endMs - WINDOWS[window], endMs }; }, [search]);
  const answer = useExceptions({ ...range, service });
  const [serviceText, setServiceText] = useState(service);
  const push = (next: { window?: Window; service?: string }) => {
    const p = new URLSearchParams({ window: next.window ?? window, ...((next.service ?? service) !== '' && { service: next.service ?? service }) });
    router.push(`${pathname}?${p.toString()}`, { scroll: false });
  };

  return (
    <div className="mx-auto max-w-screen-xl space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Exceptions</h1>
        <p className="mt-1 text-sm text-slate-600">Exception events grouped by service, type and message, with numbers, ids, hex and quoted values masked.</p>
      </div>
      <form className="flex flex-wrap items-end gap-2" onSubmit={(e) => { e.preventDefault(); push({ service: serviceText.trim() }); }}>
        <label className="flex flex-col text-xs text-slate-600">
          Service
          <input value={serviceText} onChange={(e) => setServiceText(e.target.value)} placeholder="all services" data-testid="exceptions-service"
            className="mt-0.5 w-56 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm" />
        </label>
        <button type="submit" className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">Show</button>
        <div className="ml-auto flex overflow-hidden rounded-md border border-slate-300 text-sm" role="group" aria-label="Window">
          {(Object.keys(WINDOWS) as Window[]).map((w) => (
            <button key={w} type="button" aria-pressed={w === window} onClick={() => push({ window: w })} data-testid={`exceptions-window-${w}`}
              className="border-l border-slate-200 px-3 py-1.5 first:border-l-0 aria-pressed:bg-slate-800 aria-pressed:text-white">Last {w}</button>
          ))}
        </div>
      </form>
      {answer.error && <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{answer.error.message}</p>}
      {answer.isPending && <p className="text-sm text-slate-500">Loading…</p>}
      {answer.data && (
        <section className="rounded-lg border border-slate-200 bg-white p-3">
          <p className="mb-2 text-xs text-slate-600" data-testid="exceptions-note">
            {answer.data.groups.length === 0 ? 'No exceptions in this window.' : `${answer.data.totalGroups} group${answer.data.totalGroups === 1 ? '' : 's'}${answer.data.totalGroups > answer.data.groups.length ? `, the ${answer.data.groups.length} largest shown` : ''}.`}
            {answer.data.truncated && ' More distinct messages than one answer reads: counts are lower bounds; narrow the window or pick a service.'}
          </p>
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="exceptions-table">
              <thead>
                <tr className="border-b border-slate-200 text-left text-xs text-slate-500 uppercase">
                  <th scope="col" className="py-1.5 pr-2 font-medium">Exception</th>
                  <th scope="col" className="py-1.5 pr-2 font-medium">Service</th>
                  <th scope="col" className="py-1.5 pr-2 text-right font-medium">Count</th>
                  <th scope="col" className="py-1.5 pr-2 font-medium">Trend</th>
                  <th scope="col" className="py-1.5 pr-2 font-medium">First seen</th>
                  <th scope="col" className="py-1.5 pr-2 font-medium">Last seen</th>
                  <th scope="col" className="py-1.5 pr-2 font-medium">Operations</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {answer.data.groups.map((g) => (
                  <GroupRow key={`${g.service}\u0000${g.type}\u0000${g.fingerprint}`} group={g} answer={answer.data} windowMs={range} />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
