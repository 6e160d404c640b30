import { describe, expect, it } from 'vitest';
import { buildTrace } from './build-trace';
import { collapseAll, collapseOneLevel, expandOneLevel, revealSpan } from './collapse-levels';
import { generateRows } from './generate-rows';
import { makeCompactTrace } from '@/lib/view/trace/testing/make-compact-trace';

const trace = buildTrace(
  makeCompactTrace([
    { id: 'a', start: 0, duration: 100 },
    { id: 'b', parent: 'a', start: 10, duration: 30 },
    { id: 'c', parent: 'b', start: 20, duration: 5 },
    { id: 'd', parent: 'c', start: 21, duration: 1 },
    { id: 'e', parent: 'a', start: 50, duration: 10 },
  ]),
);
const ids = (rows: { spanId: string }[]) => rows.map((r) => r.spanId);

describe('generateRows', () => {
  it('shows every span when nothing is collapsed', () => {
    expect(ids(generateRows(trace.spans, new Set()))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('hides the descendants of a collapsed span, not its siblings', () => {
    expect(ids(generateRows(trace.spans, new Set(['b'])))).toEqual(['a', 'b', 'e']);
  });

  it('keeps a collapsed span hidden under a collapsed ancestor', () => {
    expect(ids(generateRows(trace.spans, new Set(['a', 'c'])))).toEqual(['a']);
  });

  it('ignores a collapsed leaf', () => {
    expect(ids(generateRows(trace.spans, new Set(['e'])))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('collapse levels', () => {
  it('collapse all leaves only the roots', () => {
    expect(ids(generateRows(trace.spans, collapseAll(trace.spans)))).toEqual(['a']);
  });

  it('collapse one level folds the deepest open parents, expand one level unfolds the shallowest', () => {
    const one = collapseOneLevel(trace.spans, new Set());
    expect([...one]).toEqual(['c']);
    const rows = generateRows(trace.spans, one);
    const two = collapseOneLevel(rows, one);
    expect(ids(generateRows(trace.spans, two))).toEqual(['a', 'b', 'e']);
    const back = expandOneLevel(generateRows(trace.spans, two), two);
    expect([...back]).toEqual(['c']);
  });

  it('reveals a span by opening its collapsed ancestors', () => {
    const opened = revealSpan(trace.spans, trace.byId.get('d')!, new Set(['a', 'c', 'e']));
    expect([...opened]).toEqual(['e']);
  });
});
