import type { TraceFilter } from '@/lib/filter/filter-ast';
import { parseTraceQL } from '@/lib/filter/parse-traceql';
import { jsonResponse } from '@/lib/api/json-response';
import type { IAnyValue, IKeyValue } from '@/lib/api/otlp-json/wire-types';
import { toStringForm, type TypedValue } from '@/lib/model/attribute-value';
import { searchFilteredTraces, type FilteredTrace, type MatchedSpan } from '@/lib/traces/search-filtered-traces';
import { tempoErrorResponse } from './envelope';
import { legacySearchFilter } from './legacy-search-filter';
import { parsePositiveInt, parseTimeWindow, toTempoTraceId } from './parse-tempo-params';

// GET /api/search: Tempo's search, TraceQL (`q`) or tag-based (`tags`, `minDuration`,
// `maxDuration`), over `start`/`end` (unix seconds; the last hour without them, as Tempo searches
// its recent data), newest traces first, `limit` traces with up to `spss` matched spans each. The
// answer has Tempo's documented shape: traces[].traceID (hex without leading zeros, as Tempo prints
// it), rootServiceName, rootTraceName, startTimeUnixNano (a string), durationMs, spanSets[] (and the
// older spanSet) with spans[] {spanID, name, startTimeUnixNano, durationNanos, attributes} and
// `matched`, serviceStats; and metrics. Zero values are left out, as Tempo's JSON leaves them out.
// A query that does not parse is a plain-text 400 saying where, as Tempo answers it.

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;
const DEFAULT_SPSS = 3;
const MAX_SPSS = 100;
const RECENT_NS = 3_600_000_000_000n;

const EVERY_TRACE: TraceFilter = { root: { kind: 'spans', where: { kind: 'true' } } };

/** "line 1, col 12" of an offset, as Tempo's parse errors say it. */
const lineCol = (text: string, offset: number) => {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, col ${before[before.length - 1].length + 1}`;
};

const anyValue = (t: TypedValue): IAnyValue => {
  switch (t.type) {
    case 'string':
      return { stringValue: t.value };
    case 'bool':
      return { boolValue: t.value };
    case 'int':
      return { intValue: t.value.toString() };
    case 'double':
      return { doubleValue: Number.isFinite(t.value) ? t.value : (String(t.value) as 'NaN') };
    default:
      return { stringValue: toStringForm(t) };
  }
};

/** Tempo names a result attribute without its scope: `span.http.route` → `http.route`. */
const resultKey = (name: string) => name.replace(/^(span|resource|scope|event|link)?\./, '');

const toTempoSpan = (span: MatchedSpan) => {
  const attributes: IKeyValue[] = [
    ...Object.entries(span.attributes).map(([name, value]) => ({ key: resultKey(name), value: anyValue(value) })),
    { key: 'service.name', value: { stringValue: span.service } },
  ];
  return {
    spanID: span.spanId,
    ...(span.name !== '' && { name: span.name }),
    startTimeUnixNano: span.startNs.toString(),
    durationNanos: span.durationNs.toString(),
    attributes,
  };
};

const toTempoTrace = ({ summary, matchedSpanCount, spans }: FilteredTrace) => {
  const durationMs = Number((summary.maxEndNs - summary.minStartNs) / 1_000_000n);
  const spanSet = { spans: spans.map(toTempoSpan), matched: matchedSpanCount };
  return {
    traceID: toTempoTraceId(summary.traceId),
    ...(summary.rootServiceName !== '' && { rootServiceName: summary.rootServiceName }),
    ...(summary.rootOperationName !== '' && { rootTraceName: summary.rootOperationName }),
    startTimeUnixNano: summary.minStartNs.toString(),
    ...(durationMs > 0 && { durationMs }),
    spanSet,
    spanSets: [spanSet],
    serviceStats: Object.fromEntries(
      summary.services.map((s) => [s.name, { spanCount: s.spanCount, ...(s.errorSpanCount > 0 && { errorCount: s.errorSpanCount }) }]),
    ),
  };
};

export const answerSearch = async (params: URLSearchParams, nowMs: number): Promise<Response> => {
  const q = params.get('q') ?? '';
  let filter: TraceFilter;
  if (q.trim() !== '') {
    const parsed = parseTraceQL(q);
    if (!parsed.ok) {
      const where = parsed.error.position ? `parse error at ${lineCol(q, parsed.error.position.start)}: ` : '';
      return tempoErrorResponse(400, `invalid TraceQL query: ${where}${parsed.error.message}`);
    }
    filter = parsed.filter;
  } else {
    filter = legacySearchFilter(params) ?? EVERY_TRACE;
  }
  const limit = parsePositiveInt(params, 'limit', DEFAULT_LIMIT, MAX_LIMIT);
  const spss = parsePositiveInt(params, 'spss', DEFAULT_SPSS, MAX_SPSS);
  const nowNs = BigInt(nowMs) * 1_000_000n;
  const window = parseTimeWindow(params) ?? { startNs: nowNs - RECENT_NS, endNs: nowNs };
  const page = await searchFilteredTraces({
    filter,
    startMinNs: window.startNs,
    startMaxNs: window.endNs,
    orderBy: 'start_desc',
    size: limit,
    withTotal: false,
    spansPerSpanset: spss,
  });
  return jsonResponse({
    traces: page.traces.map(toTempoTrace),
    // Tempo's counters of blocks and bytes read have no meaning here; the search is one job
    metrics: { completedJobs: 1, totalJobs: 1 },
  });
};
