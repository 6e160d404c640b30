import Link from 'next/link';
import type { TLatency, TServiceMetricsResponse } from '@/lib/client/schemas';
import type { MetricWindow } from '@/lib/api/pages/metric-windows';
import { formatDurationUs } from '@/lib/view/format/format-duration';
import { serviceColor } from '@/lib/view/format/service-color';
import { formatErrorRate, formatRate } from '@/lib/view/format/format-metrics';
import { OperationsTable } from './operations-table';
import { searchHref } from './search-link';
import { LazyServiceChart } from './lazy-service-chart';

type ServiceCardProps = {
  totals: TLatency & { service: string };
  operations: TServiceMetricsResponse['operations'];
  series: TServiceMetricsResponse['series'];
  range: { startMs: number; endMs: number };
  widthMs: number;
  window: MetricWindow;
};

/** One service: its headline numbers, its latency/requests chart, and its operations. */
export function ServiceCard({ totals, operations, series, range, widthMs, window }: ServiceCardProps) {
  const stats = [
    { label: 'Requests', value: totals.requests.toLocaleString('en'), testId: 'service-requests' },
    { label: 'Rate', value: formatRate(totals.requests, widthMs), testId: 'service-rate' },
    { label: 'Errors', value: formatErrorRate(totals.errors, totals.requests), testId: 'service-error-rate', bad: totals.errors > 0 },
    { label: 'p50', value: formatDurationUs(totals.p50Us), testId: 'service-p50' },
    { label: 'p95', value: formatDurationUs(totals.p95Us), testId: 'service-p95' },
    { label: 'p99', value: formatDurationUs(totals.p99Us), testId: 'service-p99' },
  ];
  return (
    <article className="rounded-lg border border-slate-200 bg-white shadow-xs" data-testid="service-card" data-service={totals.service}>
      <header className="flex flex-wrap items-center gap-x-8 gap-y-2 border-b border-slate-100 px-4 py-3">
        <Link href={searchHref(totals.service, window)} prefetch={false} data-testid="service-link" className="flex items-center gap-2 text-lg font-semibold hover:underline">
          <span className="size-3 rounded-full" style={{ background: serviceColor(totals.service) }} />
          {totals.service}
        </Link>
        <dl className="flex flex-wrap gap-x-6 gap-y-1">
          {stats.map((s) => (
            <div key={s.label} className="flex items-baseline gap-1.5">
              <dt className="text-xs text-slate-500 uppercase">{s.label}</dt>
              <dd data-testid={s.testId} className={`font-mono text-sm font-semibold tabular-nums ${s.bad ? 'text-red-700' : ''}`}>{s.value}</dd>
            </div>
          ))}
        </dl>
      </header>
      <div className="grid gap-4 p-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <LazyServiceChart series={series} range={range} />
        <OperationsTable service={totals.service} operations={operations} widthMs={widthMs} window={window} />
      </div>
    </article>
  );
}
