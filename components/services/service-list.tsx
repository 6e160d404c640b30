import type { UseQueryResult } from '@tanstack/react-query';
import Link from 'next/link';
import type { TServiceMetricsResponse } from '@/lib/client/schemas';
import type { MetricWindow } from '@/lib/api/pages/metric-windows';
import { serviceColor } from '@/lib/view/format/service-color';
import { EmptyStore } from '@/components/ui/empty-store';
import { SearchMessage } from '@/components/search/search-message';
import { Skeleton } from '@/components/ui/skeleton';
import { searchHref } from './search-link';
import { ServiceCard } from './service-card';

type ServiceListProps = { metrics: UseQueryResult<TServiceMetricsResponse>; window: MetricWindow };

// Links on this page do not prefetch: with dozens of services and operations, Next's viewport
// prefetches queued ahead of the page's own metrics and graph requests and delayed them by seconds.

/** A card per service that had requests in the window, then the idle services as links. */
export function ServiceList({ metrics, window }: ServiceListProps) {
  if (metrics.isPending) {
    return <div className="space-y-4" data-testid="services-loading">{[0, 1].map((i) => <Skeleton key={i} className="h-72 w-full" />)}</div>;
  }
  if (metrics.isError) return <SearchMessage testId="services-error" tone="error" title="Metrics failed to load">{metrics.error.message}</SearchMessage>;

  const data = metrics.data;
  if (data.serviceNames.length === 0) {
    return <EmptyStore testId="services-empty" />;
  }
  const active = new Set(data.services.map((s) => s.service));
  const idle = data.serviceNames.filter((n) => !active.has(n));
  const widthMs = data.window.endMs - data.window.startMs;
  return (
    <div className="space-y-4" data-testid="service-list" aria-busy={metrics.isFetching}>
      {data.services.map((s) => (
        <ServiceCard key={s.service} totals={s} widthMs={widthMs} window={window}
          operations={data.operations.filter((o) => o.service === s.service)}
          series={data.series.filter((p) => p.service === s.service)} range={data.window} />
      ))}
      {idle.length > 0 && (
        <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm" data-testid="idle-services">
          <span className="text-slate-600">No requests in this window: </span>
          {idle.map((name) => (
            <Link key={name} href={searchHref(name, window)} prefetch={false} data-testid="idle-service" className="mr-3 inline-flex items-center gap-1 font-medium hover:underline">
              <span className="size-2.5 rounded-full" style={{ background: serviceColor(name) }} />
              {name}
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
