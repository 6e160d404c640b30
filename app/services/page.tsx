import { Suspense } from 'react';
import { ServicesPage } from '@/components/services/services-page';

export const metadata = { title: 'Services · Spanscope' };

// The window lives in the URL (useSearchParams), hence the Suspense boundary.
export default function ServicesRoute() {
  return (
    <Suspense>
      <ServicesPage />
    </Suspense>
  );
}
