import { describe, expect, it } from 'vitest';
import { formatDurationUs } from './format-duration';
import { formatTimestamp, fromDateTimeInput, toDateTimeInput } from './format-time';
import { serviceColor } from './service-color';

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

describe('serviceColor', () => {
  it('is a stable CSS colour per name, and spreads similar names', () => {
    expect(serviceColor('checkout')).toBe(serviceColor('checkout'));
    expect(serviceColor('checkout')).toMatch(/^#[0-9a-f]{6}$/);
    const colours = new Set(['svc-1', 'svc-2', 'svc-3', 'svc-4', 'svc-5'].map(serviceColor));
    expect(colours.size).toBeGreaterThanOrEqual(4);
  });
});
