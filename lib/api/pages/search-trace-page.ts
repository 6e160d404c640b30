import { decodePageToken, encodePageToken, filterFingerprint, traceQueryFingerprint } from '@/lib/api/params/page-token';
import { parseTraceQL } from '@/lib/filter/parse-traceql';
import { FilterRunError } from '@/lib/store/read/run-trace-filter';
import { searchFilteredTraces } from '@/lib/traces/search-filtered-traces';
import { QueryParamError } from '@/lib/api/params/query-param-error';
import { nsToUsFractional, nsToUsNumber } from '@/lib/model/units';
import type { TraceSummaryDetail } from '@/lib/traces/summarize-trace';
import { searchTraceSummaries } from '@/lib/traces/search-trace-summaries';
import type { SearchState } from './search-state';
import type { TraceHit } from './trace-hit';
import { toTraceQuery, TRACE_ORDER_OF, type SearchWindow } from './to-trace-query';
import type { TraceOrder } from '@/lib/model/trace-order';

const NS_PER_MS = 1_000_000n;

export type SearchPageOptions = {
  state: SearchState;
  /** the absolute window searched (a later page sends the first page's window back) */
  window: SearchWindow;
  /** the previous page's nextPageToken; absent for the first page */
  pageToken?: string;
  /** a TraceQL query: when given, it is the search (the form's criteria are not added to it) */
  q?: string;
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
  /** with `q`: true when the candidate cap cut the search (some matches may be missing) */
  capped?: boolean;
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
export const searchTracePage = async ({ state, window, pageToken, q }: SearchPageOptions): Promise<SearchPageAnswer> => {
  if (q !== undefined && q.trim() !== '') return searchTraceQLPage({ state, window, pageToken, q });
  const query = toTraceQuery(state, window);
  const orderBy = TRACE_ORDER_OF[state.sort];
  const fingerprint = traceQueryFingerprint(query, orderBy);
  const after = pageAfter(pageToken, orderBy, fingerprint);
  const found = await searchTraceSummaries({ query, orderBy, after, size: query.limit, withTotal: true });
  return {
    traces: found.summaries.map(toTraceHit),
    window,
    nextPageToken: found.next ? encodePageToken(orderBy, found.next, fingerprint) : '',
    total: found.total?.value ?? 0,
    totalIsEstimate: found.total?.isEstimate ?? false,
  };
};

const pageAfter = (pageToken: string | undefined, orderBy: TraceOrder, fingerprint: string) => {
  if (pageToken === undefined) return undefined;
  try {
    return decodePageToken(pageToken, orderBy, fingerprint);
  } catch (err) {
    throw new QueryParamError('pageToken', `pageToken: ${(err as Error).message}`);
  }
};

/**
 * A UI search by TraceQL (`q`), in the page's window, sort and page size. A query that does not
 * parse is a QueryParamError on `q` whose detail says where (`position`: offsets into q).
 */
const searchTraceQLPage = async ({ state, window, pageToken, q }: Required<Pick<SearchPageOptions, 'q'>> & SearchPageOptions): Promise<SearchPageAnswer> => {
  const parsed = parseTraceQL(q);
  if (!parsed.ok) {
    const { message, position } = parsed.error;
    throw new QueryParamError('q', message, position ? { position } : undefined);
  }
  if (window.startMs > window.endMs) throw new QueryParamError('start', 'start: the range must start before it ends');
  const range = { startMinNs: BigInt(Math.floor(window.startMs)) * NS_PER_MS, startMaxNs: BigInt(Math.ceil(window.endMs)) * NS_PER_MS };
  const orderBy = TRACE_ORDER_OF[state.sort];
  const fingerprint = filterFingerprint(parsed.filter, range, orderBy);
  const after = pageAfter(pageToken, orderBy, fingerprint);
  try {
    const found = await searchFilteredTraces({ filter: parsed.filter, ...range, orderBy, ...(after && { after }), size: state.limit, withTotal: true });
    return {
      traces: found.traces.map((t) => toTraceHit(t.summary)),
      window,
      nextPageToken: found.next ? encodePageToken(orderBy, found.next, fingerprint) : '',
      total: found.total?.value ?? 0,
      totalIsEstimate: found.total?.isEstimate ?? false,
      capped: found.capped,
    };
  } catch (err) {
    if (err instanceof FilterRunError) throw new QueryParamError('q', err.message, { position: { start: 0, end: q.length } });
    throw err;
  }
};
