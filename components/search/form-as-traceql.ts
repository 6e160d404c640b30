import { toTraceQuery } from '@/lib/api/pages/to-trace-query';
import type { SearchState } from '@/lib/api/pages/search-state';
import { filterFromTraceQuery } from '@/lib/filter/from-trace-query';
import { formatTraceQL } from '@/lib/filter/format-traceql';

// The form's criteria as the TraceQL query that means the same (Jaeger's one-span rule and all):
// the query box starts from it, so a search built in the form can be refined in text.

/** The TraceQL of a form state, or undefined while a field does not parse (the form shows why). */
export const formAsTraceql = (state: SearchState): string | undefined => {
  try {
    return formatTraceQL(filterFromTraceQuery(toTraceQuery(state, { startMs: 0, endMs: 0 })));
  } catch {
    return undefined;
  }
};
