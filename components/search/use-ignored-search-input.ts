import { useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { findIgnoredSearchParams, type SearchState } from '@/lib/api/pages/search-state';
import { useServices } from '@/lib/client/search-queries';

/**
 * What the search page cannot use of its URL, as sentences: values the lenient reading replaced by
 * their defaults, and a service (or root service) no span has named, whose search can only come
 * back empty. The service check waits for the service list, so it never speaks from ignorance.
 */
export const useIgnoredSearchInput = (state: SearchState): string[] => {
  const key = useSearchParams().toString();
  const services = useServices().data;
  return useMemo(() => {
    const messages = findIgnoredSearchParams(new URLSearchParams(key)).map(
      (i) => `“${i.param}=${i.value}” was ignored (${i.message}); the default is used instead.`,
    );
    if (services && services.length > 0) {
      for (const [label, name] of [['service', state.service], ['root service', state.rootService]] as const) {
        if (name !== '' && !services.includes(name)) messages.push(`No span has come from a ${label} named “${name}”: check the spelling, or choose one from the list.`);
      }
    }
    return messages;
  }, [key, services, state.service, state.rootService]);
};
