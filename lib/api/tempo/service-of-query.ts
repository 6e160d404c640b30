import { parseTraceQL } from '@/lib/filter/parse-traceql';
import { serviceNamedBy } from './service-named-by';

// `q` of the tag endpoints: the service the query names, to scope suggestions to. A query that
// does not parse narrows nothing: Tempo answers the whole list then, for backwards compatibility
// ("Queries can be incomplete … you'll see the whole list").

export const serviceOfQuery = (q: string | null): string | undefined => {
  if (q === null || q.trim() === '') return undefined;
  const parsed = parseTraceQL(q);
  return parsed.ok ? serviceNamedBy(parsed.filter) : undefined;
};
