import type { UseQueryResult } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useMemo } from 'react';
import Link from 'next/link';
import type { TServiceMetricsResponse } from '@/lib/client/schemas';
import type { MetricWindow } from '@/lib/api/pages/metric-windows';
import { serviceColor } from '@/lib/view/format/service-color';
import { EmptyStore } from '@/components/ui/empty-store';
import { SearchMessage } from '@/components/search/search-message';
import { Skeleton } from '@/components/ui/skeleton';
import { searchHref } from './search-link';
import { ServiceCard } from './service-card';
import { useProgressiveCount } from './use-progressive-count';

type ServiceListProps = { metrics: UseQueryResult<TServiceMetricsResponse>; window: MetricWindow };

// Links on this page do not prefetch: with dozens of services and operations, Next's viewport
// prefetches queued ahead of the page's own metrics and graph requests and delayed them by seconds.

export const FIRST_CONTENT_MARK = 'spanscope:services-first-content';

const EMPTY: never[] = [];

/** Each service's rows of a list, in one pass (a filter per card was services × rows). */
const byService = <T extends { service: string }>(rows: T[]): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.service);
    if (list) list.push(r);
    else out.set(r.service, [r]);
  }
  return out;
};

/**
 * A card per service that had requests in the window, then the idle services as links. The cards
 * come a few per task (useProgressiveCount) and each chart when its card nears the viewport
 * (LazyServiceChart), so 25 services never block the main thread at once.
 */
export function ServiceList({ metrics, window }: ServiceListProps) {
  // the answer comes through TanStack Query's useSyncExternalStore, whose updates render in one
  // task that cannot yield; its deferred copy renders in a transition, which React slices
  const answer = useDeferredValue(metrics.data);
  const operations = useMemo(() => byService(answer?.operations ?? EMPTY), [answer]);
  const series = useMemo(() => byService(answer?.series ?? EMPTY), [answer]);
  const total = answer?.services.length ?? 0;
  const shown = useProgressiveCount(total);
  useEffect(() => {
    if (shown === 0 || performance.getEntriesByName(FIRST_CONTENT_MARK).length > 0) return;
    // after the frame that shows the first cards (as the trace timeline's first-rows mark): npm run bench:ui reads it
    requestAnimationFrame(() => setTimeout(() => {
      if (performance.getEntriesByName(FIRST_CONTENT_MARK).length === 0) performance.mark(FIRST_CONTENT_MARK);
    }, 0));
  }, [shown]);

  if (metrics.isError && !answer) return <SearchMessage testId="services-error" tone="error" title="Metrics failed to load">{metrics.error.message}</SearchMessage>;
  if (!answer) {
    return <div className="space-y-4" data-testid="services-loading">{[0, 1].map((i) => <Skeleton key={i} className="h-72 w-full" />)}</div>;
  }
  if (metrics.isError) return <SearchMessage testId="services-error" tone="error" title="Metrics failed to load">{metrics.error.message}</SearchMessage>;

  const data = answer;
  if (data.serviceNames.length === 0) {
    return <EmptyStore testId="services-empty" />;
  }
  const active = new Set(data.services.map((s) => s.service));
  const idle = data.serviceNames.filter((n) => !active.has(n));
  const widthMs = data.window.endMs - data.window.startMs;
  return (
    <div className="space-y-4" data-testid="service-list" aria-busy={metrics.isFetching}>
      {data.services.slice(0, shown).map((s) => (
        <ServiceCard key={s.service} totals={s} widthMs={widthMs} window={window}
          operations={operations.get(s.service) ?? EMPTY} series={series.get(s.service) ?? EMPTY} range={data.window} />
      ))}
      {shown < total && <Skeleton className="h-72 w-full" />}
      {shown >= total && idle.length > 0 && (
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
