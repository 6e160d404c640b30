import { Suspense } from 'react';
import { ExceptionsPage } from '@/components/explore/exceptions-page';

export const metadata = { title: 'Exceptions · Spanscope' };

// The window and service live in the URL (useSearchParams), hence the Suspense boundary.
export default function ExceptionsRoute() {
  return (
    <Suspense>
      <ExceptionsPage />
    </Suspense>
  );
}
