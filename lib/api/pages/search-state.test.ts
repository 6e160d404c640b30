import { describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH_STATE, findIgnoredSearchParams, parseSearchState, SORT_KEYS, toPageParams, toQueryParams, toSearchParams } from './search-state';
import { toSearchWindow, toTraceQuery, TRACE_ORDER_OF } from './to-trace-query';

describe('search state in the URL', () => {
  it('round-trips every field and leaves defaults out of the URL', () => {
    const state = {
      ...DEFAULT_SEARCH_STATE,
      service: 'checkout',
      operation: 'GET /cart',
      tags: 'http.status_code=500',
      lookback: 'custom' as const,
      startMs: 1_700_000_000_000,
      endMs: 1_700_000_600_000,
      minDuration: '250ms',
      traceMinDuration: '1s',
      traceMaxDuration: '1m',
      rootService: 'frontend',
      rootOperation: 'GET /',
      limit: 50,
      sort: 'longest' as const,
      tz: 'utc' as const,
    };
    const params = toSearchParams(state);
    expect(parseSearchState(params)).toEqual(state);
    expect(toSearchParams(DEFAULT_SEARCH_STATE).toString()).toBe('');
  });

  it('falls back to defaults for unreadable values when the page reads its own URL', () => {
    const state = parseSearchState(new URLSearchParams('lookback=9y&limit=-3&sort=weird&tz=mars'));
    expect(state).toEqual(DEFAULT_SEARCH_STATE);
  });

  it('names what the lenient reading ignored, once per parameter, with the value as written', () => {
    const ignored = findIgnoredSearchParams(new URLSearchParams('lookback=bogus&limit=-3&service=x'));
    expect(ignored.map((i) => [i.param, i.value])).toEqual([['lookback', 'bogus'], ['limit', '-3']]);
    expect(ignored[0].message).toContain('expected one of 5m');
    expect(findIgnoredSearchParams(toSearchParams({ ...DEFAULT_SEARCH_STATE, lookback: '7d', limit: 50 }))).toEqual([]);
  });

  it.each([
    ["lookback='; drop table spans;--", 'lookback'],
    ['lookback=custom&start=x&end=1700000000000', 'start'],
    ['lookback=custom&start=1700000000000', 'end'],
    ['start=1700000000000&end=1700000600000', 'lookback'],
    ['lookback=custom&start=1700000000000&end=99999999999999999', 'end'],
    ['limit=x', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=1501', 'limit'],
    ['sort=sideways', 'sort'],
    ['tz=mars', 'tz'],
  ])('strictly (the API), %s is refused naming %s', (query, param) => {
    let error: unknown;
    try {
      parseSearchState(new URLSearchParams(query), { strict: true });
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ name: 'QueryParamError', param });
  });

  it('strictly, every valid state still reads as it was written', () => {
    const state = { ...DEFAULT_SEARCH_STATE, lookback: 'custom' as const, startMs: 1, endMs: 2, limit: 1500, sort: 'oldest' as const, tz: 'utc' as const };
    expect(parseSearchState(toSearchParams(state), { strict: true })).toEqual(state);
  });

  it('turns into the same TraceQuery the Jaeger API would run', () => {
    const state = parseSearchState(new URLSearchParams('service=a&tags=error%3Dtrue&minDuration=1.5s&maxDuration=2s&lookback=5m'));
    const window = toSearchWindow(state, 1_000_000_000, 30);
    expect(window).toEqual({ startMs: 1_000_000_000 - 300_000, endMs: 1_000_000_000 });
    expect(toTraceQuery(state, window)).toEqual({
      serviceName: 'a',
      tags: [{ key: 'error', value: 'true' }],
      startMinNs: 999_700_000n * 1_000_000n,
      startMaxNs: 1_000_000_000n * 1_000_000n,
      durationMinNs: 1_500_000_000n,
      durationMaxNs: 2_000_000_000n,
      limit: 20,
    });
  });

  it('names the field of a bad duration', () => {
    const state = parseSearchState(new URLSearchParams('minDuration=fast'));
    expect(() => toTraceQuery(state, { startMs: 0, endMs: 1 })).toThrow(/minDuration/);
    expect(() => toTraceQuery(parseSearchState(new URLSearchParams('traceMinDuration=slow')), { startMs: 0, endMs: 1 })).toThrow(/traceMinDuration/);
    const inverted = parseSearchState(new URLSearchParams('traceMinDuration=2s&traceMaxDuration=1s'));
    expect(() => toTraceQuery(inverted, { startMs: 0, endMs: 1 })).toThrow(/traceMaxDuration/);
  });

  it('adds the trace-level criteria: the whole trace\'s duration and its root', () => {
    const state = parseSearchState(new URLSearchParams('traceMinDuration=1.5s&traceMaxDuration=1m&rootService=web&rootOperation=GET%20%2F'));
    expect(toTraceQuery(state, { startMs: 1, endMs: 2 })).toEqual({
      tags: [],
      startMinNs: 1_000_000n,
      startMaxNs: 2_000_000n,
      limit: 20,
      traceDurationMinNs: 1_500_000_000n,
      traceDurationMaxNs: 60_000_000_000n,
      rootServiceName: 'web',
      rootOperationName: 'GET /',
    });
  });

  it('maps every sort to a server order, and the sort is part of the query (tz is not)', () => {
    expect(SORT_KEYS.map((k) => TRACE_ORDER_OF[k])).toEqual(['start_desc', 'start_asc', 'duration_desc', 'duration_asc', 'span_count_desc', 'error_count_desc']);
    const state = { ...DEFAULT_SEARCH_STATE, service: 'a', sort: 'longest' as const, tz: 'utc' as const };
    expect(toQueryParams(state).toString()).toBe('service=a&sort=longest');
  });

  it('a later page pins the first page\'s absolute window and carries the token', () => {
    const state = { ...DEFAULT_SEARCH_STATE, service: 'a', lookback: '6h' as const, sort: 'longest' as const };
    expect(toPageParams(state).toString()).toBe('service=a&lookback=6h&sort=longest');
    const next = toPageParams(state, { pageToken: 'tok', window: { startMs: 1_000, endMs: 2_000 } });
    expect(next.toString()).toBe('service=a&lookback=custom&start=1000&end=2000&sort=longest&pageToken=tok');
    const reread = parseSearchState(next);
    expect(toSearchWindow(reread, 9_999_999, 7)).toEqual({ startMs: 1_000, endMs: 2_000 });
  });
});
