import { Suspense } from 'react';
import { ServicesPage } from '@/components/services/services-page';
import { DEFAULT_METRIC_WINDOW, isMetricWindow } from '@/lib/api/pages/metric-windows';

export const metadata = { title: 'Services · Spanscope' };
export const dynamic = 'force-dynamic';

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// The window lives in the URL (useSearchParams), hence the Suspense boundary.
export default async function ServicesRoute({ searchParams }: PageProps) {
  // The window the page will ask for, as ServicesPage reads it: React hoists the preload into
  // <head>, so the browser fetches the metrics while the page's JS loads and hydrates, and
  // useServiceMetrics's fetch() reuses the response (same URL, CORS mode and credentials).
  const asked = (await searchParams).window;
  const window = typeof asked === 'string' && isMetricWindow(asked) ? asked : DEFAULT_METRIC_WINDOW;
  return (
    <>
      <link rel="preload" href={`/api/ui/service-metrics?window=${window}`} as="fetch" crossOrigin="anonymous" />
      <Suspense>
        <ServicesPage />
      </Suspense>
    </>
  );
}
