import { decodePageToken, encodePageToken, traceQueryFingerprint } from '@/lib/api/params/page-token';
import { QueryParamError } from '@/lib/api/params/query-param-error';
import { nsToUsFractional, nsToUsNumber } from '@/lib/model/units';
import type { TraceSummaryDetail } from '@/lib/traces/summarize-trace';
import { searchTraceSummaries } from '@/lib/traces/search-trace-summaries';
import type { SearchState } from './search-state';
import type { TraceHit } from './trace-hit';
import { toTraceQuery, TRACE_ORDER_OF, type SearchWindow } from './to-trace-query';

export type SearchPageOptions = {
  state: SearchState;
  /** the absolute window searched (a later page sends the first page's window back) */
  window: SearchWindow;
  /** the previous page's nextPageToken; absent for the first page */
  pageToken?: string;
};

/** What GET /api/ui/search answers. */
export type SearchPageAnswer = {
  traces: TraceHit[];
  window: SearchWindow;
  /** '' on the last page */
  nextPageToken: string;
  /** matching traces in all, over every page */
  total: number;
  totalIsEstimate: boolean;
};

const toTraceHit = ({ minStartNs, maxEndNs, orphanSpanCount: _notShown, ...summary }: TraceSummaryDetail): TraceHit => ({
  ...summary,
  startUs: nsToUsNumber(minStartNs),
  durationUs: nsToUsFractional(maxEndNs - minStartNs),
});

/**
 * One page of a UI search, from the stored trace summaries (no whole trace is loaded): sorted on
 * the server over every match in the page's sort, with the total. Throws QueryParamError naming
 * the field to fix, `pageToken` for a token of another search.
 */
export const searchTracePage = async ({ state, window, pageToken }: SearchPageOptions): Promise<SearchPageAnswer> => {
  const query = toTraceQuery(state, window);
  const orderBy = TRACE_ORDER_OF[state.sort];
  const fingerprint = traceQueryFingerprint(query, orderBy);
  let after;
  if (pageToken !== undefined) {
    try {
      after = decodePageToken(pageToken, orderBy, fingerprint);
    } catch (err) {
      throw new QueryParamError('pageToken', `pageToken: ${(err as Error).message}`);
    }
  }
  const found = await searchTraceSummaries({ query, orderBy, after, size: query.limit, withTotal: true });
  return {
    traces: found.summaries.map(toTraceHit),
    window,
    nextPageToken: found.next ? encodePageToken(orderBy, found.next, fingerprint) : '',
    total: found.total?.value ?? 0,
    totalIsEstimate: found.total?.isEstimate ?? false,
  };
};
