import { describe, expect, it } from 'vitest';
import { buildTrace } from './build-trace';
import { toCriticalPathView } from './critical-path-view';
import { generateRows } from './generate-rows';
import { makeCompactTrace } from '@/lib/view/trace/testing/make-compact-trace';

// times in µs from the trace start (startNs 1700000000000000000)
const trace = buildTrace(
  makeCompactTrace([
    { id: 'a', service: 'web', start: 0, duration: 100 },
    { id: 'b', parent: 'a', service: 'web', start: 10, duration: 30 },
    { id: 'c', parent: 'b', service: 'db', start: 20, duration: 15 },
    { id: 'd', parent: 'a', service: 'db', start: 5, duration: 20 },
    { id: 'e', parent: 'd', service: 'db', start: 6, duration: 2 },
  ]),
);
const ns = (us: number) => String(1_700_000_000_000_000_000n + BigInt(us * 1000));
const section = (spanId: string, from: number, to: number) => ({ spanId, startNs: ns(from), endNs: ns(to) });
// a: 40-100, b: 35-40, c: 20-35, b: 10-20, a: 0-10
const body = { sections: [section('a', 40, 100), section('b', 35, 40), section('c', 20, 35), section('b', 10, 20), section('a', 0, 10), section('gone', 0, 1)] };

describe('toCriticalPathView', () => {
  const view = toCriticalPathView(trace, body);

  it('lists each span’s sections in µs from the trace start; a span not in the trace is skipped', () => {
    expect(view.bySpan.get('a')).toEqual([[40, 100], [0, 10]]);
    expect(view.bySpan.get('b')).toEqual([[35, 40], [10, 20]]);
    expect(view.bySpan.has('d')).toBe(false);
    expect(view.bySpan.has('gone')).toBe(false);
  });

  it('adds each service’s time on the path, as a share of the trace', () => {
    expect(view.services).toEqual([
      { service: 'web', us: 85, share: 0.85 },
      { service: 'db', us: 15, share: 0.15 },
    ]);
  });

  it('keeps the critical spans and their ancestors, so only they are rows', () => {
    expect(generateRows(trace.spans, new Set(), view.keep).map((s) => s.spanId)).toEqual(['a', 'b', 'c']);
    // an ancestor with no section of its own is kept too
    const deep = toCriticalPathView(trace, { sections: [section('e', 6, 8)] });
    expect(generateRows(trace.spans, new Set(), deep.keep).map((s) => s.spanId)).toEqual(['a', 'd', 'e']);
    // collapsing still applies
    expect(generateRows(trace.spans, new Set(['b']), view.keep).map((s) => s.spanId)).toEqual(['a', 'b']);
  });
});
