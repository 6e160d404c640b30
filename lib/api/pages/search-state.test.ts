import { describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH_STATE, parseSearchState, toSearchParams } from './search-state';
import { toSearchWindow, toTraceQuery } from './to-trace-query';

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
      limit: 50,
      sort: 'longest' as const,
      tz: 'utc' as const,
    };
    const params = toSearchParams(state);
    expect(parseSearchState(params)).toEqual(state);
    expect(toSearchParams(DEFAULT_SEARCH_STATE).toString()).toBe('');
  });

  it('falls back to defaults for unreadable values', () => {
    const state = parseSearchState(new URLSearchParams('lookback=9y&limit=-3&sort=weird&tz=mars'));
    expect(state).toEqual(DEFAULT_SEARCH_STATE);
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
  });
});
