import { describe, expect, it } from 'vitest';
import { findNeighbours } from './find-neighbours';
import { gradeErrorRate } from './grade-error-rate';
import { fitGraphView, graphBoxHeight, MAX_SCALE, MIN_SCALE, panGraphView, wheelZoomFactor, zoomGraphView } from './graph-view';

describe('the dependency graph view', () => {
  it('fits a drawing wider than its box: scaled down to the width, centred', () => {
    // 21 services once made a 2,374 px drawing in a 1,246 px box
    const view = fitGraphView({ width: 2374, height: 400 }, { width: 1246, height: 480 });
    expect(view.scale).toBeCloseTo(1246 / 2374, 6);
    expect(view.x).toBeCloseTo(0, 6);
    expect(view.y).toBeCloseTo((480 - 400 * view.scale) / 2, 6);
  });

  it('never enlarges a small drawing past its natural size, and centres it', () => {
    expect(fitGraphView({ width: 400, height: 100 }, { width: 1000, height: 300 })).toEqual({ scale: 1, x: 300, y: 100 });
  });

  it('sizes the box to the fitted drawing, within bounds', () => {
    expect(graphBoxHeight({ width: 2374, height: 400 }, 1246)).toBe(210); // 400 × 1246/2374
    expect(graphBoxHeight({ width: 400, height: 100 }, 1000)).toBe(160);
    expect(graphBoxHeight({ width: 400, height: 2000 }, 1000)).toBe(480);
  });

  it('zooms around the pointer: the content point under it stays', () => {
    const view = { scale: 0.5, x: 10, y: 20 };
    const at = { x: 210, y: 120 };
    const under = { x: (at.x - view.x) / view.scale, y: (at.y - view.y) / view.scale };
    const zoomed = zoomGraphView(view, 2, at);
    expect(zoomed.scale).toBe(1);
    expect(under.x * zoomed.scale + zoomed.x).toBeCloseTo(at.x, 9);
    expect(under.y * zoomed.scale + zoomed.y).toBeCloseTo(at.y, 9);
  });

  it('keeps the scale within bounds however far it is zoomed', () => {
    let view = { scale: 1, x: 0, y: 0 };
    for (let i = 0; i < 50; i++) view = zoomGraphView(view, 1.5, { x: 0, y: 0 });
    expect(view.scale).toBe(MAX_SCALE);
    for (let i = 0; i < 50; i++) view = zoomGraphView(view, 0.5, { x: 0, y: 0 });
    expect(view.scale).toBe(MIN_SCALE);
  });

  it('pans by screen pixels; a wheel notch zooms in one way and out the other by the same factor', () => {
    expect(panGraphView({ scale: 2, x: 1, y: 2 }, 10, -5)).toEqual({ scale: 2, x: 11, y: -3 });
    expect(wheelZoomFactor(-100)).toBeGreaterThan(1);
    expect(wheelZoomFactor(-100) * wheelZoomFactor(100)).toBeCloseTo(1, 9);
    expect(wheelZoomFactor(-10_000)).toBe(wheelZoomFactor(-100));
  });
});

describe('neighbours and error grades', () => {
  const edges = [
    { parent: 'web', child: 'api', callCount: 1 },
    { parent: 'api', child: 'db', callCount: 1 },
    { parent: 'batch', child: 'db', callCount: 1 },
  ];

  it('lights up the callers and callees of a service, and itself', () => {
    expect([...findNeighbours(edges, 'api')].sort()).toEqual(['api', 'db', 'web']);
    expect([...findNeighbours(edges, 'db')].sort()).toEqual(['api', 'batch', 'db']);
    expect([...findNeighbours(edges, 'nobody')]).toEqual(['nobody']);
  });

  it('grades an error rate: none, some, high from 5%, unknown without requests', () => {
    expect(gradeErrorRate(0, 100)).toBe('none');
    expect(gradeErrorRate(4, 100)).toBe('some');
    expect(gradeErrorRate(5, 100)).toBe('high');
    expect(gradeErrorRate(0, 0)).toBe('unknown');
  });
});
