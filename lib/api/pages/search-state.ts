import { z } from '@/lib/model/zod';
import { MAX_TRACE_LIMIT } from '@/lib/model/trace-query';
import { QueryParamError } from '@/lib/api/params/query-param-error';

// The latest unix ms whose nanoseconds fit int64 (2262-04-11): a later custom range is a 400, not an overflow in SQL.
const MAX_SEARCH_MS = 9_223_372_036_854;

// The search state of the UI, kept in the URL so a search can be shared, reloaded and stepped
// through with the back button. One parser and one serializer, used by the form (to push a
// URL), by the page (to read it) and by /api/ui/search (which receives the same parameters).

/** How far each fixed lookback reaches back; "retention" and "custom" are resolved by toSearchWindow. */
export const LOOKBACK_MS = {
  '5m': 5 * 60_000,
  '15m': 15 * 60_000,
  '30m': 30 * 60_000,
  '1h': 3_600_000,
  '3h': 3 * 3_600_000,
  '6h': 6 * 3_600_000,
  '12h': 12 * 3_600_000,
  '1d': 86_400_000,
  '2d': 2 * 86_400_000,
  '7d': 7 * 86_400_000,
  '14d': 14 * 86_400_000,
} as const;

/** In the order the form lists them. */
export const LOOKBACKS = [...(Object.keys(LOOKBACK_MS) as (keyof typeof LOOKBACK_MS)[]), 'retention', 'custom'] as const;
export type Lookback = (typeof LOOKBACKS)[number];

export const SORT_KEYS = ['newest', 'oldest', 'longest', 'shortest', 'most-spans', 'most-errors'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const DEFAULT_LIMIT = 20;

export type SearchState = {
  /** a TraceQL query; when set, it is the search, and the criteria below except the time range are ignored */
  q: string;
  service: string;
  operation: string;
  /** logfmt, as typed (lib/api/params/parse-logfmt.ts reads it) */
  tags: string;
  lookback: Lookback;
  /** for lookback "custom": unix milliseconds */
  startMs?: number;
  endMs?: number;
  /** Go durations as typed: "250ms", "1.5s"; bound one span of the trace */
  minDuration: string;
  maxDuration: string;
  /** Go durations as typed; bound the whole trace (first span start to last span end) */
  traceMinDuration: string;
  traceMaxDuration: string;
  /** the trace's root span: its service and operation */
  rootService: string;
  rootOperation: string;
  /** page size */
  limit: number;
  sort: SortKey;
  tz: 'local' | 'utc';
};

export const DEFAULT_SEARCH_STATE: SearchState = {
  q: '',
  service: '',
  operation: '',
  tags: '',
  lookback: '1h',
  minDuration: '',
  maxDuration: '',
  traceMinDuration: '',
  traceMaxDuration: '',
  rootService: '',
  rootOperation: '',
  limit: DEFAULT_LIMIT,
  sort: 'newest',
  tz: 'local',
};

const ZMs = z.coerce.number().int().positive();

const DIGITS_RE = /^\d+$/;

/**
 * Reads the search state from a URL query. The page reads its own URL leniently (`strict` off: an
 * absent or unreadable value falls back to its default, so an old or hand-edited link still opens
 * a search); /api/ui/search reads strictly: a value that does not parse is a QueryParamError
 * naming the parameter, never a search run on defaults the client did not ask for.
 */
export const parseSearchState = (params: URLSearchParams, { strict = false }: { strict?: boolean } = {}): SearchState =>
  readSearchState(params, (param, message) => {
    if (strict) throw new QueryParamError(param, `${param}: ${message}`);
  });

/** A URL value the lenient reading set aside (and used the default instead), for the page to say so. */
export type IgnoredSearchParam = { param: string; value: string; message: string };

/** What parseSearchState's lenient reading ignores in these parameters, one entry per parameter. */
export const findIgnoredSearchParams = (params: URLSearchParams): IgnoredSearchParam[] => {
  const ignored: IgnoredSearchParam[] = [];
  readSearchState(params, (param, message) => {
    if (!ignored.some((i) => i.param === param)) ignored.push({ param, value: params.get(param) ?? '', message });
  });
  return ignored;
};

const readSearchState = (params: URLSearchParams, refuse: (param: string, message: string) => void): SearchState => {
  const get = (name: string) => params.get(name) ?? '';
  const lookback = get('lookback') as Lookback;
  const sort = get('sort') as SortKey;
  const rawLimit = get('limit');
  const limit = Number(rawLimit);
  const startMs = ZMs.safeParse(get('start'));
  const endMs = ZMs.safeParse(get('end'));
  const custom = lookback === 'custom' && startMs.success && endMs.success;
  if (get('lookback') !== '' && !LOOKBACKS.includes(lookback)) refuse('lookback', `expected one of ${LOOKBACKS.join(', ')}`);
  if (lookback === 'custom' || params.has('start') || params.has('end')) {
    for (const [name, parsed] of [['start', startMs], ['end', endMs]] as const) {
      if (!parsed.success || !DIGITS_RE.test(get(name))) refuse(name, 'expected unix milliseconds, with lookback=custom');
      else if (parsed.data > MAX_SEARCH_MS) refuse(name, 'is after the latest time that can be stored (2262-04-11)');
    }
    if (lookback !== 'custom') refuse('lookback', 'start and end need lookback=custom');
  }
  if (rawLimit !== '') {
    if (!DIGITS_RE.test(rawLimit) || !Number.isInteger(limit) || limit < 1) refuse('limit', 'expected a whole number of traces, at least 1');
    else if (limit > MAX_TRACE_LIMIT) refuse('limit', `at most ${MAX_TRACE_LIMIT}`);
  }
  if (get('sort') !== '' && !SORT_KEYS.includes(sort)) refuse('sort', `expected one of ${SORT_KEYS.join(', ')}`);
  if (get('tz') !== '' && get('tz') !== 'utc' && get('tz') !== 'local') refuse('tz', 'expected local or utc');
  return {
    q: get('q'),
    service: get('service'),
    operation: get('operation'),
    tags: get('tags'),
    lookback: custom || (LOOKBACKS.includes(lookback) && lookback !== 'custom') ? lookback : DEFAULT_SEARCH_STATE.lookback,
    ...(custom && { startMs: startMs.data, endMs: endMs.data }),
    minDuration: get('minDuration'),
    maxDuration: get('maxDuration'),
    traceMinDuration: get('traceMinDuration'),
    traceMaxDuration: get('traceMaxDuration'),
    rootService: get('rootService'),
    rootOperation: get('rootOperation'),
    limit: Number.isInteger(limit) && limit >= 1 ? Math.min(limit, MAX_TRACE_LIMIT) : DEFAULT_LIMIT,
    sort: SORT_KEYS.includes(sort) ? sort : DEFAULT_SEARCH_STATE.sort,
    tz: get('tz') === 'utc' ? 'utc' : 'local',
  };
};

/** The URL query of a search state; values equal to the default are left out to keep links short. */
export const toSearchParams = (state: SearchState): URLSearchParams => {
  const params = new URLSearchParams();
  const put = (name: string, value: string, fallback: string) => {
    if (value !== '' && value !== fallback) params.set(name, value);
  };
  put('q', state.q.trim(), '');
  put('service', state.service, '');
  put('operation', state.operation, '');
  put('tags', state.tags.trim(), '');
  put('lookback', state.lookback, DEFAULT_SEARCH_STATE.lookback);
  if (state.lookback === 'custom' && state.startMs !== undefined && state.endMs !== undefined) {
    params.set('start', String(state.startMs));
    params.set('end', String(state.endMs));
  }
  put('minDuration', state.minDuration.trim(), '');
  put('maxDuration', state.maxDuration.trim(), '');
  put('traceMinDuration', state.traceMinDuration.trim(), '');
  put('traceMaxDuration', state.traceMaxDuration.trim(), '');
  put('rootService', state.rootService, '');
  put('rootOperation', state.rootOperation, '');
  put('limit', String(state.limit), String(DEFAULT_LIMIT));
  put('sort', state.sort, DEFAULT_SEARCH_STATE.sort);
  put('tz', state.tz, DEFAULT_SEARCH_STATE.tz);
  return params;
};

/** The part of the state that changes what the server returns (the sort does: it sorts every match; tz is display-only). */
export const toQueryParams = (state: SearchState): URLSearchParams => {
  const params = toSearchParams(state);
  params.delete('tz');
  return params;
};

/** Where "Load more" continues: the previous answer's nextPageToken, and the first answer's absolute window. */
export type NextPage = { pageToken: string; window: { startMs: number; endMs: number } };

/**
 * The query of one page of a search. A later page pins the window the first page searched (as an
 * absolute range): a relative lookback would have moved on, and the token belongs to the old one.
 */
export const toPageParams = (state: SearchState, next?: NextPage): URLSearchParams => {
  if (next === undefined) return toQueryParams(state);
  const params = toQueryParams({ ...state, lookback: 'custom', startMs: next.window.startMs, endMs: next.window.endMs });
  params.set('pageToken', next.pageToken);
  return params;
};
