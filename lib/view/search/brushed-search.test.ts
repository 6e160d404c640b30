import { describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH_STATE, parseSearchState, toSearchParams } from '@/lib/api/pages/search-state';
import { parseGoDuration } from '@/lib/api/params/parse-go-duration';
import { toBrushedSearch, toGoDuration } from './brushed-search';

describe('a region brushed on the scatter plot as a search', () => {
  it('writes durations as Go durations, rounded outward to a whole microsecond', () => {
    expect(toGoDuration(1_250_000, 'down')).toBe('1.25s');
    expect(toGoDuration(340_000, 'up')).toBe('340ms');
    expect(toGoDuration(12_345.6, 'down')).toBe('12.345ms');
    expect(toGoDuration(12_345.2, 'up')).toBe('12.346ms');
    expect(toGoDuration(75.5, 'up')).toBe('76us');
    expect(toGoDuration(-3, 'down')).toBe('0us');
    for (const text of ['1.25s', '340ms', '12.345ms', '76us', '0us']) expect(() => parseGoDuration(text)).not.toThrow();
  });

  it('keeps the criteria, sets an absolute window and whole-trace bounds, whichever way it was dragged', () => {
    const state = { ...DEFAULT_SEARCH_STATE, service: 'checkout', tags: 'error=true', sort: 'longest' as const };
    const next = toBrushedSearch(state, { startMs: 1_700_000_060_000.7, endMs: 1_700_000_000_000.2, minDurationMs: 900.0004, maxDurationMs: 40.5 });
    expect(next).toEqual({
      ...state, lookback: 'custom', startMs: 1_700_000_000_000, endMs: 1_700_000_060_001, traceMinDuration: '40.5ms', traceMaxDuration: '900.001ms',
    });
    // and the URL reads back the same search
    expect(parseSearchState(toSearchParams(next), { strict: true })).toEqual(next);
  });
});
