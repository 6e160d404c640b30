import { parseTraceQL } from '@/lib/filter/parse-traceql';
import { decodePageToken, encodePageToken, filterFingerprint } from '@/lib/api/params/page-token';
import { QueryParamError } from '@/lib/api/params/query-param-error';
import { nsToUsFractional, nsToUsNumber } from '@/lib/model/units';
import { searchFilteredTraces } from '@/lib/traces/search-filtered-traces';
import type { SearchPageAnswer, SearchPageOptions } from './search-trace-page';
import { TRACE_ORDER_OF } from './to-trace-query';

// One page of a search written in TraceQL (the query box; `q` in the page URL): the same answer
// as the form's search (lib/api/pages/search-trace-page.ts), run by the one filter engine over the
// page's window and sort. A query that does not parse is a 400 naming `q` and where it breaks.

const NS_PER_MS = 1_000_000n;

export const searchTraceqlPage = async ({ state, window, pageToken }: SearchPageOptions): Promise<SearchPageAnswer> => {
  const parsed = parseTraceQL(state.q);
  if (!parsed.ok) throw new QueryParamError('q', parsed.error.message, parsed.error.position ? { position: parsed.error.position } : undefined);
  const orderBy = TRACE_ORDER_OF[state.sort];
  const range = { startMinNs: BigInt(window.startMs) * NS_PER_MS, startMaxNs: BigInt(window.endMs) * NS_PER_MS };
  if (range.startMinNs > range.startMaxNs) throw new QueryParamError('start', 'start: the range must start before it ends');
  const fingerprint = filterFingerprint(parsed.filter, range, orderBy);
  let after;
  if (pageToken !== undefined) {
    try {
      after = decodePageToken(pageToken, orderBy, fingerprint);
    } catch (err) {
      throw new QueryParamError('pageToken', `pageToken: ${(err as Error).message}`);
    }
  }
  const page = await searchFilteredTraces({ filter: parsed.filter, ...range, orderBy, after, size: state.limit, withTotal: true, spansPerSpanset: 1 });
  return {
    traces: page.traces.map(({ summary: { minStartNs, maxEndNs, orphanSpanCount: _notShown, ...summary } }) => ({
      ...summary,
      startUs: nsToUsNumber(minStartNs),
      durationUs: nsToUsFractional(maxEndNs - minStartNs),
    })),
    window,
    nextPageToken: page.next ? encodePageToken(orderBy, page.next, fingerprint) : '',
    total: page.total?.value ?? 0,
    totalIsEstimate: page.total?.isEstimate ?? false,
  };
};
