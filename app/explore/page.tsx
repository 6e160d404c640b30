import { Suspense } from 'react';
import { ExplorePage } from '@/components/explore/explore-page';

export const metadata = { title: 'Explore · Spanscope' };

// The state lives in the URL (useSearchParams), hence the Suspense boundary.
export default function ExploreRoute() {
  return (
    <Suspense>
      <ExplorePage />
    </Suspense>
  );
}
