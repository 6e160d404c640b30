import { describe, expect, it } from 'vitest';
import { formatDurationUs } from './format-duration';
import { formatTimestamp, fromDateTimeInput, toDateTimeInput } from './format-time';
import { formatMatchCount } from './format-match-count';

describe('formatDurationUs', () => {
  it.each([
    [0.5, '500ns'], [850, '850µs'], [12_345, '12.3ms'], [1_520_000, '1.52s'], [125_000_000, '2m 5s'], [7_500_000_000, '2h 5m'],
  ])('%d µs → %s', (us, text) => expect(formatDurationUs(us)).toBe(text));
});

describe('times in UTC', () => {
  const ms = Date.UTC(2026, 10, 22, 5, 41, 7, 123);
  it('formats and reads back the same instant', () => {
    expect(formatTimestamp(ms, 'utc')).toBe('2026-11-22 05:41:07.123');
    expect(toDateTimeInput(ms, 'utc')).toBe('2026-11-22T05:41:07');
    expect(fromDateTimeInput('2026-11-22T05:41:07', 'utc')).toBe(ms - 123);
    expect(fromDateTimeInput('2026-11-22T05:41', 'utc')).toBe(ms - 7123);
    expect(fromDateTimeInput('', 'utc')).toBeNaN();
  });
});


describe('formatMatchCount', () => {
  it('counts exactly with thousands separators, or says "about" for an estimate', () => {
    expect(formatMatchCount(1284, false, 40)).toEqual({ total: '1,284 traces match', showing: 'showing 1–40' });
    expect(formatMatchCount(12_000, true, 20)).toEqual({ total: 'about 12,000 traces match', showing: 'showing 1–20' });
    expect(formatMatchCount(1, false, 1)).toEqual({ total: '1 trace matches', showing: 'showing 1–1' });
    expect(formatMatchCount(0, false, 0)).toEqual({ total: '0 traces match', showing: '' });
  });

  it('never claims fewer matches than are listed', () => {
    expect(formatMatchCount(3, false, 5).total).toBe('5 traces match');
  });
});
