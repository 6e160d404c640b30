import type { TraceFilter } from '@/lib/filter/filter-ast';
import type { TraceQuery } from '@/lib/model/trace-query';
import { FilterRunError } from '@/lib/store/read/run-trace-filter';
import { searchFilteredTraces } from '@/lib/traces/search-filtered-traces';
import { searchTraceSummaries, type TraceSummariesPage } from '@/lib/traces/search-trace-summaries';
import type { V3Page } from './params/parse-v3-search';
import { QueryParamError } from './params/query-param-error';

// The one search behind GET /api/v3/traces and /api/v3/trace-summaries: by `query.filter` (RFC
// 0005) when given, else by the legacy parameters; the same order, paging and totals either way.

export type V3SearchOptions = { query: TraceQuery; filter?: TraceFilter; page: V3Page };

export const runV3Search = async ({ query, filter, page }: V3SearchOptions): Promise<TraceSummariesPage> => {
  const common = { orderBy: page.orderBy, after: page.after, size: query.limit, withTotal: true };
  if (!filter) return searchTraceSummaries({ query, ...common });
  try {
    const found = await searchFilteredTraces({ filter, startMinNs: query.startMinNs, startMaxNs: query.startMaxNs, ...common });
    return { summaries: found.traces.map((t) => t.summary), ...(found.next && { next: found.next }), ...(found.total && { total: found.total }) };
  } catch (err) {
    if (err instanceof FilterRunError) throw new QueryParamError('query.filter', `malformed parameter query.filter: ${err.message}`);
    throw err;
  }
};
