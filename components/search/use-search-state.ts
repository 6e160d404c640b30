import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parseSearchState, toSearchParams, type SearchState } from '@/lib/api/pages/search-state';

/** The search state read from the URL, and a setter that pushes a new history entry (so Back undoes it). */
export const useSearchState = (): [SearchState, (next: SearchState) => void] => {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const key = params.toString();
  const state = useMemo(() => parseSearchState(new URLSearchParams(key)), [key]);
  const setState = useCallback(
    (next: SearchState) => {
      const query = toSearchParams(next).toString();
      router.push(`${pathname === '/' ? '/search' : pathname}${query ? `?${query}` : ''}`, { scroll: false });
    },
    [router, pathname],
  );
  return [state, setState];
};
