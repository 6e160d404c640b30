'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { isClientError } from '@/lib/client/fetch-json';

// One QueryClient per browser tab (created in state so a re-render never replaces the cache). A
// failed query is tried once more, unless the server answered 4xx: the same request would be
// refused the same way, and a bad search would reach the server twice.
export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 15_000, retry: (failures, err) => failures < 1 && !isClientError(err), refetchOnWindowFocus: false } } }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
