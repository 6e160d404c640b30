import { Suspense } from 'react';
import { SearchPage } from '@/components/search/search-page';
import { ResultsSkeleton } from '@/components/search/results-skeleton';

export const metadata = { title: 'Search · Spanscope' };

// The search reads its state from the URL (useSearchParams), hence the Suspense boundary.
export default function SearchRoute() {
  return (
    <Suspense fallback={<ResultsSkeleton />}>
      <SearchPage />
    </Suspense>
  );
}
