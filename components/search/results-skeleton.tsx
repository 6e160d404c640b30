import { Skeleton } from '@/components/ui/skeleton';
import { RESULT_ROW_HEIGHT, SCATTER_HEIGHT } from './result-sizes';

/** The results' shape while the first answer is on its way: header, chart and rows at their real heights. */
export function ResultsSkeleton() {
  return (
    <div className="space-y-4" data-testid="results-loading" aria-busy>
      <Skeleton className="h-8 w-64" />
      <Skeleton className="w-full" style={{ height: SCATTER_HEIGHT }} />
      <div className="space-y-2">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="w-full" style={{ height: RESULT_ROW_HEIGHT }} />
        ))}
      </div>
    </div>
  );
}
