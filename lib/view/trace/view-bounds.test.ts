import { describe, expect, it } from 'vitest';
import { clampViewRange, createViewBounds } from './view-bounds';

describe('createViewBounds', () => {
  it('maps spans to fractions of the whole trace when the full range is shown', () => {
    const bounds = createViewBounds({ durationUs: 200, range: [0, 1] });
    expect(bounds(50, 150)).toEqual({ start: 0.25, end: 0.75 });
  });

  it('maps spans into a zoomed window, with parts outside it beyond [0, 1]', () => {
    const bounds = createViewBounds({ durationUs: 1000, range: [0.5, 0.75] });
    expect(bounds(500, 750)).toEqual({ start: 0, end: 1 });
    expect(bounds(250, 625)).toEqual({ start: -1, end: 0.5 });
  });

  it('does not divide by zero for a zero-length trace', () => {
    const { start, end } = createViewBounds({ durationUs: 0, range: [0, 1] })(0, 0);
    expect([start, end]).toEqual([0, 0]);
  });
});

describe('clampViewRange', () => {
  it('orders and clamps the ends', () => {
    expect(clampViewRange(1.2, 0.4)).toEqual([0.4, 1]);
  });

  it('keeps a minimum width', () => {
    const [a, b] = clampViewRange(1, 1, 0.01);
    expect(b - a).toBeCloseTo(0.01);
    expect(b).toBe(1);
  });
});
