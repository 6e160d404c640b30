import type { ComponentProps } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import { ServiceChart } from './service-chart';
import { useChartTurn } from './use-chart-turn';

/** A service's chart, drawn once its card is near the viewport and its turn has come (use-chart-turn.ts). */
export function LazyServiceChart(props: ComponentProps<typeof ServiceChart>) {
  const [ref, ready] = useChartTurn<HTMLDivElement>();
  if (ready) return <ServiceChart {...props} />;
  return <div ref={ref} data-testid="service-chart-pending"><Skeleton className="h-52 w-full" /></div>;
}
