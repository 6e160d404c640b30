import Link from 'next/link';
import { formatDurationUs } from '@/lib/view/format/format-duration';
import { formatAge, formatTimestamp, type TimeZoneMode } from '@/lib/view/format/format-time';
import { serviceColor } from '@/lib/view/format/service-color';
import type { TraceHit } from '@/lib/api/pages/trace-hit';
import { ServiceChips } from './service-chips';

import { RESULT_ROW_HEIGHT } from './result-sizes';

type ResultItemProps = { hit: TraceHit; longestUs: number; tz: TimeZoneMode; nowMs: number };

/** One trace at a glance: root service and operation, spans, errors, services, duration bar and start; links to the trace. */
export function ResultItem({ hit, longestUs, tz, nowMs }: ResultItemProps) {
  const startMs = hit.startUs / 1000;
  return (
    <Link
      href={`/trace/${hit.traceId}`}
      prefetch={false}
      data-testid="result-item"
      data-trace-id={hit.traceId}
      style={{ minHeight: RESULT_ROW_HEIGHT }}
      className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[minmax(0,1fr)_19rem] rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs hover:border-sky-300 hover:bg-sky-50/40"
    >
      <div className="flex min-w-0 items-center gap-2">
        <span className="size-3 shrink-0 rounded-sm" style={{ background: serviceColor(hit.rootServiceName) }} />
        <span className="truncate font-semibold" data-testid="result-root">
          {hit.rootServiceName}: <span className="font-normal">{hit.rootOperationName}</span>
        </span>
        <span className="shrink-0 font-mono text-xs text-slate-500">{hit.traceId.slice(0, 7)}</span>
      </div>
      <div className="flex items-center justify-end gap-2">
        <div className="h-2 flex-1 overflow-hidden rounded-full bg-slate-100">
          <div className="h-full rounded-full bg-sky-500" style={{ width: `${Math.max(2, (hit.durationUs / longestUs) * 100)}%` }} />
        </div>
        <span className="w-16 text-right font-mono text-sm font-semibold tabular-nums" data-testid="result-duration">
          {formatDurationUs(hit.durationUs)}
        </span>
      </div>
      <div className="flex min-w-0 flex-wrap items-center gap-2 text-xs">
        <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-700" data-testid="result-span-count">
          {hit.spanCount} {hit.spanCount === 1 ? 'span' : 'spans'}
        </span>
        {hit.errorSpanCount > 0 && (
          <span className="rounded bg-red-100 px-1.5 py-0.5 font-medium text-red-800" data-testid="result-error-count">
            {hit.errorSpanCount} {hit.errorSpanCount === 1 ? 'error' : 'errors'}
          </span>
        )}
        <ServiceChips services={hit.services} />
      </div>
      <div className="text-xs text-slate-500 sm:text-right" title={new Date(startMs).toISOString()}>
        <span className="font-mono tabular-nums" data-testid="result-start">{formatTimestamp(startMs, tz)}</span>
        <span className="ml-2 inline-block w-20 text-left">{formatAge(startMs, nowMs)}</span>
      </div>
    </Link>
  );
}
