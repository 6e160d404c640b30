'use client';

import dynamic from 'next/dynamic';
import type { ComponentProps } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import type { ServiceChart as ServiceChartType } from './service-chart';
import { useChartTurn } from './use-chart-turn';

const placeholder = <Skeleton className="h-48 w-full" />;

// The chart library stays out of the page's first bundle: the cards' numbers show without it.
const ServiceChart = dynamic(() => import('./service-chart').then((m) => m.ServiceChart), { ssr: false, loading: () => placeholder });

/** A service's chart, drawn once its card is near the viewport and its turn has come (use-chart-turn.ts). */
export function LazyServiceChart(props: ComponentProps<typeof ServiceChartType>) {
  const [ref, ready] = useChartTurn<HTMLDivElement>();
  if (ready) return <ServiceChart {...props} />;
  return <div ref={ref} data-testid="service-chart-pending">{placeholder}</div>;
}
