import { describe, expect, it } from 'vitest';
import { formatDurationUs } from './format-duration';
import { formatTimestamp, fromDateTimeInput, toDateTimeInput } from './format-time';

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

