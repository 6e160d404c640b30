import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo } from 'react';
import { DEFAULT_SEARCH_STATE, parseSearchState, toSearchParams, type SearchState } from '@/lib/api/pages/search-state';
import { setTimeZone, useTimeZone } from '@/components/layout/use-time-zone';

const pageUrl = (pathname: string, next: SearchState) => {
  // the zone is the one setting of every page (use-time-zone.ts), not part of a search
  const query = toSearchParams({ ...next, tz: DEFAULT_SEARCH_STATE.tz }).toString();
  return `${pathname === '/' ? '/search' : pathname}${query ? `?${query}` : ''}`;
};

/**
 * The search state read from the URL, and a setter that pushes a new history entry (so Back undoes
 * it). Its tz is the time-zone setting; a link still carrying tz= (as links did before the setting)
 * sets it, and the URL loses the parameter.
 */
export const useSearchState = (): [SearchState, (next: SearchState) => void] => {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const tz = useTimeZone();
  const key = params.toString();
  const parsed = useMemo(() => parseSearchState(new URLSearchParams(key)), [key]);
  const state = useMemo(() => ({ ...parsed, tz }), [parsed, tz]);
  const linkTz = params.get('tz');
  useEffect(() => {
    if (linkTz === null) return;
    if (linkTz === 'utc' || linkTz === 'local') setTimeZone(linkTz);
    router.replace(pageUrl(pathname, parsed), { scroll: false });
  }, [linkTz, parsed, pathname, router]);
  const setState = useCallback((next: SearchState) => router.push(pageUrl(pathname, next), { scroll: false }), [router, pathname]);
  return [state, setState];
};
