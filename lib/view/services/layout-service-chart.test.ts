import { describe, expect, it } from 'vitest';
import { layoutServiceChart, niceCeil } from './layout-service-chart';

const box = { width: 640, height: 200, left: 40, right: 20, top: 10, bottom: 30 };
const range = { startMs: 0, endMs: 60_000 };
const bucket = (s: number, requests: number, p50Us: number, p95Us: number, p99Us: number) => ({ bucketStartMs: s * 1000, requests, p50Us, p95Us, p99Us });

describe('the services chart layout', () => {
  it('rounds axis maxima up to 1, 2 or 5 × 10^k', () => {
    expect([0, 0.3, 1, 1.2, 3, 7, 10, 11, 420, 5000].map(niceCeil)).toEqual([1, 0.5, 1, 2, 5, 10, 10, 20, 500, 5000]);
  });

  it('puts buckets left to right in time, the busiest bar full height, latencies on their own scale', () => {
    const layout = layoutServiceChart([bucket(30, 5, 100, 200, 400), bucket(0, 10, 50, 100, 150)], range, box);
    expect(layout.bars.map((b) => b.bucket.bucketStartMs)).toEqual([0, 30_000]);
    const [first, second] = layout.bars;
    expect(first.y).toBeCloseTo(box.top, 6); // 10 of a nice max of 10
    expect(first.height).toBeCloseTo(160, 6);
    expect(second.height).toBeCloseTo(80, 6);
    expect(second.x).toBeGreaterThan(first.x);
    // p99's 400 µs is 80% of the nice maximum 500 µs
    const p99 = layout.lines.p99.split(' ').map((p) => p.split(',').map(Number));
    expect(p99[1][1]).toBeCloseTo(box.top + 160 - 0.8 * 160, 1);
    expect(layout.latencyTicks.map((t) => t.us)).toEqual([0, 250, 500]);
    expect(layout.timeTicks.map((t) => t.ms)).toEqual([0, 15_000, 30_000, 45_000, 60_000]);
    expect(layout.timeTicks[4].x).toBeCloseTo(box.width - box.right, 6);
  });

  it('draws nothing out of the box with no buckets', () => {
    const layout = layoutServiceChart([], range, box);
    expect(layout.bars).toEqual([]);
    expect(layout.lines.p50).toBe('');
  });
});
