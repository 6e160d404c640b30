import { useDeferredValue, useMemo, useState } from 'react';
import { findInTrace } from '@/lib/view/trace/find-in-trace';
import type { Trace } from '@/lib/view/trace/trace-model';
import { useUrlParam } from './use-url-param';

/** Find within the trace: the query (kept in ?find=), its matches, and which match is current. */
export const useTraceFind = (trace: Trace) => {
  const [query, setQuery] = useUrlParam('find');
  const deferred = useDeferredValue(query);
  const matches = useMemo(() => findInTrace(trace.spans, deferred), [trace, deferred]);
  const matchIds = useMemo(() => new Set(matches.map((s) => s.spanId)), [matches]);
  const [current, setCurrent] = useState(-1);
  const currentIndex = current < matches.length ? current : -1;
  const step = (delta: number) => {
    if (matches.length === 0) return undefined;
    const next = currentIndex < 0 ? (delta > 0 ? 0 : matches.length - 1) : (currentIndex + delta + matches.length) % matches.length;
    setCurrent(next);
    return matches[next];
  };
  const update = (q: string) => {
    setQuery(q);
    setCurrent(-1);
  };
  return { query, setQuery: update, matches, matchIds, currentIndex, step };
};

export type TraceFind = ReturnType<typeof useTraceFind>;
