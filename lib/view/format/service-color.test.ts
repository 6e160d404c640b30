import { describe, expect, it } from 'vitest';
import { serviceColor } from './service-color';

const hue = (c: string) => Number(/^hsl\((\d+)/.exec(c)![1]);

describe('serviceColor', () => {
  it('gives a service the same colour every time', () => {
    expect(serviceColor('checkout')).toBe(serviceColor('checkout'));
  });

  it('spreads names that differ in one character across the hue circle, away from error red', () => {
    const hues = Array.from({ length: 8 }, (_, i) => hue(serviceColor(`service-${i}`)));
    expect(new Set(hues.map((h) => Math.floor(h / 40))).size).toBeGreaterThanOrEqual(4);
    for (const h of hues) expect(h >= 20 && h < 340).toBe(true);
  });
});
