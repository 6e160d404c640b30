import { useSearchParams } from 'next/navigation';
import { useCallback, useState } from 'react';

// A piece of UI state mirrored in the query string (?span=, ?find=) so links reproduce the view.
// history.replaceState (integrated with Next's router) keeps typing and j/k from adding history entries.
export const useUrlParam = (name: string): [string, (value: string) => void] => {
  const params = useSearchParams();
  const [value, setValue] = useState(() => params.get(name) ?? '');
  const set = useCallback(
    (next: string) => {
      setValue(next);
      const url = new URL(window.location.href);
      if (next) url.searchParams.set(name, next);
      else url.searchParams.delete(name);
      window.history.replaceState(window.history.state, '', url);
    },
    [name],
  );
  return [value, set];
};
