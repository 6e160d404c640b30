import { z } from 'zod';
import { MAX_TRACE_LIMIT } from '@/lib/model/trace-query';

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
  service: string;
  operation: string;
  /** logfmt, as typed (lib/api/params/parse-logfmt.ts reads it) */
  tags: string;
  lookback: Lookback;
  /** for lookback "custom": unix milliseconds */
  startMs?: number;
  endMs?: number;
  /** Go durations as typed: "250ms", "1.5s" */
  minDuration: string;
  maxDuration: string;
  limit: number;
  sort: SortKey;
  tz: 'local' | 'utc';
};

export const DEFAULT_SEARCH_STATE: SearchState = {
  service: '',
  operation: '',
  tags: '',
  lookback: '1h',
  minDuration: '',
  maxDuration: '',
  limit: DEFAULT_LIMIT,
  sort: 'newest',
  tz: 'local',
};

const ZMs = z.coerce.number().int().positive();

/** Reads the search state from a URL query, falling back to defaults for anything absent or unreadable. */
export const parseSearchState = (params: URLSearchParams): SearchState => {
  const get = (name: string) => params.get(name) ?? '';
  const lookback = get('lookback') as Lookback;
  const sort = get('sort') as SortKey;
  const limit = Number(get('limit'));
  const startMs = ZMs.safeParse(get('start'));
  const endMs = ZMs.safeParse(get('end'));
  const custom = lookback === 'custom' && startMs.success && endMs.success;
  return {
    service: get('service'),
    operation: get('operation'),
    tags: get('tags'),
    lookback: custom || (LOOKBACKS.includes(lookback) && lookback !== 'custom') ? lookback : DEFAULT_SEARCH_STATE.lookback,
    ...(custom && { startMs: startMs.data, endMs: endMs.data }),
    minDuration: get('minDuration'),
    maxDuration: get('maxDuration'),
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
  put('limit', String(state.limit), String(DEFAULT_LIMIT));
  put('sort', state.sort, DEFAULT_SEARCH_STATE.sort);
  put('tz', state.tz, DEFAULT_SEARCH_STATE.tz);
  return params;
};

/** The part of the state that changes what the server returns (sort and tz are display-only). */
export const toQueryParams = (state: SearchState): URLSearchParams => {
  const params = toSearchParams(state);
  params.delete('sort');
  params.delete('tz');
  return params;
};
