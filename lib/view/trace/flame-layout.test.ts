import { describe, expect, test } from 'vitest';
import { buildTrace } from './build-trace';
import { flameLayout, flameSpanAt } from './flame-layout';
import { makeCompactTrace, type SpanSpec } from './testing/make-compact-trace';

// The flame graph's rows: children below their parent, concurrent siblings never on one row.

const rowsOf = (specs: SpanSpec[]) => {
  const trace = buildTrace(makeCompactTrace(specs));
  const layout = flameLayout(trace);
  return { trace, layout, byId: Object.fromEntries(trace.spans.map((s) => [s.spanId, layout.row[s.index]])) };
};

/** No two spans on one row overlap in time. */
const expectNoOverlap = ({ trace, layout }: ReturnType<typeof rowsOf>) => {
  const clashes: string[] = [];
  for (const list of layout.rows) {
    for (let k = 1; k < list.length; k++) {
      const prev = trace.spans[list[k - 1]];
      if (trace.spans[list[k]].startUs < prev.startUs + prev.durationUs) clashes.push(`${prev.spanId}/${trace.spans[list[k]].spanId}`);
    }
  }
  expect(clashes).toEqual([]);
};

describe('flameLayout', () => {
  test('sequential siblings share the row below their parent', () => {
    const r = rowsOf([{ id: 'r', start: 0, duration: 100 }, { id: 'a', parent: 'r', start: 0, duration: 40 }, { id: 'b', parent: 'r', start: 50, duration: 40 }]);
    expect(r.byId).toEqual({ r: 0, a: 1, b: 1 });
    expect(r.layout.rowCount).toBe(2);
  });

  test('concurrent siblings go to separate rows, each subtree kept together below its span', () => {
    const r = rowsOf([
      { id: 'r', start: 0, duration: 100 },
      { id: 'a', parent: 'r', start: 0, duration: 60 },
      { id: 'a1', parent: 'a', start: 10, duration: 10 },
      { id: 'b', parent: 'r', start: 30, duration: 60 },
      { id: 'b1', parent: 'b', start: 40, duration: 10 },
      { id: 'c', parent: 'r', start: 70, duration: 20 },
    ]);
    // a's block (rows 1-2) ends at 60: b (30-90) cannot share those rows, c (70-90) can take row 1
    expect(r.byId).toEqual({ r: 0, a: 1, a1: 2, b: 3, b1: 4, c: 1 });
    expectNoOverlap(r);
  });

  test('a child outside its parent still sits below it and pushes concurrent siblings away; two roots', () => {
    const r = rowsOf([
      { id: 'r', start: 0, duration: 10 },
      { id: 'late', parent: 'r', start: 50, duration: 20 },
      { id: 'r2', start: 5, duration: 10 },
      { id: 'o', parent: 'missing', start: 60, duration: 5 },
    ]);
    expect(r.byId.late).toBe(r.byId.r + 1);
    expectNoOverlap(r);
    expect(new Set([r.byId.r, r.byId.r2]).size).toBe(2); // the two roots overlap in time
  });

  test('flameSpanAt finds the block under a point', () => {
    const r = rowsOf([{ id: 'r', start: 0, duration: 100 }, { id: 'a', parent: 'r', start: 0, duration: 40 }, { id: 'b', parent: 'r', start: 50, duration: 40 }]);
    expect(r.trace.spans[flameSpanAt(r.trace, r.layout, 1, 60)].spanId).toBe('b');
    expect(flameSpanAt(r.trace, r.layout, 1, 45)).toBe(-1);
    expect(r.trace.spans[flameSpanAt(r.trace, r.layout, 0, 45)].spanId).toBe('r');
  });

  test('100,000 spans in a 4-ary tree are laid out without overlaps', () => {
    const specs: SpanSpec[] = [];
    for (let i = 0; i < 100_000; i++) {
      const p = i === 0 ? undefined : specs[Math.floor((i - 1) / 4)];
      const k = (i - 1) % 4;
      specs.push({ id: (i + 1).toString(16).padStart(16, '0'), parent: p?.id, start: p ? p.start + p.duration * (0.02 + k * 0.24) : 0, duration: p ? p.duration * 0.22 : 30_000_000 });
    }
    const trace = buildTrace(makeCompactTrace(specs));
    // how fast is `npm run bench:ui`'s to say (a timed assertion fails on a loaded machine)
    const layout = flameLayout(trace);
    expect(layout.rowCount).toBe(trace.depth);
    expectNoOverlap({ trace, layout, byId: {} });
  });
});
