import { describe, expect, it } from 'vitest';
import { isMetricWindow, METRIC_WINDOW_MS, METRIC_WINDOWS } from './metric-windows';

describe('metric windows', () => {
  it('lists the windows shortest first, each with its width', () => {
    expect(METRIC_WINDOWS).toEqual(['15m', '1h', '6h', '1d', '7d']);
    expect(METRIC_WINDOWS.map((w) => METRIC_WINDOW_MS[w])).toEqual([900_000, 3_600_000, 21_600_000, 86_400_000, 604_800_000]);
  });

  it.each([
    ['1h', true],
    ['3w', false],
    ['', false],
    ['toString', false],
  ])('isMetricWindow(%j) is %s', (text, expected) => {
    expect(isMetricWindow(text)).toBe(expected);
  });
});
