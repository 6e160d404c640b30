'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { DEFAULT_METRIC_WINDOW, isMetricWindow, METRIC_WINDOWS, type MetricWindow } from '@/lib/api/pages/metric-windows';
import { useDependencies, useServiceMetrics } from '@/lib/client/service-queries';
import { DependencyGraph } from './dependency-graph';
import { ServiceList } from './service-list';
import { WindowSelect } from './window-select';
import { IgnoredInputNotice } from '@/components/ui/ignored-input-notice';

/** The services page: RED metrics per service and operation, and the dependency graph, over one window kept in the URL. */
export function ServicesPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const asked = params.get('window') ?? '';
  const window: MetricWindow = isMetricWindow(asked) ? asked : DEFAULT_METRIC_WINDOW;
  const ignored = params.has('window') && !isMetricWindow(asked)
    ? [`“window=${asked}” was ignored (expected one of ${METRIC_WINDOWS.join(', ')}); showing the last ${DEFAULT_METRIC_WINDOW}.`]
    : [];
  const metrics = useServiceMetrics(window);
  const dependencies = useDependencies(window);
  // the graph's edges take the callee's error rate from the same window's metrics
  const rates = useMemo(() => new Map((metrics.data?.services ?? []).map((s) => [s.service, { errors: s.errors, requests: s.requests }])), [metrics.data]);

  return (
    <div className="mx-auto max-w-screen-xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Services</h1>
          <p className="mt-1 text-sm text-slate-600">
            Requests are <strong>entry spans</strong>: spans of kind server or consumer, and root spans. Latency is their own duration.
          </p>
        </div>
        <WindowSelect value={window} onChange={(w) => router.push(`${pathname}?window=${w}`, { scroll: false })} />
      </div>
      <IgnoredInputNotice messages={ignored} testId="ignored-input" />
      <DependencyGraph dependencies={dependencies} rates={rates} window={window} />
      <ServiceList metrics={metrics} window={window} />
    </div>
  );
}
