import { describe, expect, it } from 'vitest';
import { buildTrace } from './build-trace';
import { makeCompactTrace } from '@/lib/view/trace/testing/make-compact-trace';

const order = (t: ReturnType<typeof buildTrace>) => t.spans.map((s) => `${'.'.repeat(s.depth - 1)}${s.spanId}`);

describe('buildTrace', () => {
  it('orders spans depth-first, children by start time, whatever the input order', () => {
    const trace = buildTrace(
      makeCompactTrace([
        { id: 'c2', parent: 'b', start: 30, duration: 5 },
        { id: 'b2', parent: 'a', start: 50, duration: 10 },
        { id: 'c1', parent: 'b', start: 20, duration: 5 },
        { id: 'a', start: 0, duration: 100 },
        { id: 'b', parent: 'a', start: 10, duration: 30 },
      ]),
    );
    expect(order(trace)).toEqual(['a', '.b', '..c1', '..c2', '.b2']);
    expect(trace.byId.get('a')!.children.map((i) => trace.spans[i].spanId)).toEqual(['b', 'b2']);
    expect(trace.byId.get('a')!.descendantCount).toBe(4);
    expect(trace.byId.get('c1')!.parentIndex).toBe(1);
    expect(trace.depth).toBe(3);
    expect(trace.durationUs).toBe(100);
    expect(trace.root?.spanId).toBe('a');
  });

  it('makes a span whose parent never arrived a root, marked orphan', () => {
    const trace = buildTrace(
      makeCompactTrace([
        { id: 'a', start: 0, duration: 10 },
        { id: 'x', parent: 'missing', start: 5, duration: 10 },
        { id: 'y', parent: 'x', start: 6, duration: 1 },
      ]),
    );
    expect(order(trace)).toEqual(['a', 'x', '.y']);
    expect(trace.byId.get('x')!.orphan).toBe(true);
    expect(trace.byId.get('a')!.orphan).toBe(false);
  });

  it('names an incomplete trace as the summaries do: the earliest parentless span, else the earliest orphan', () => {
    const withRoot = buildTrace(
      makeCompactTrace([
        { id: 'x', parent: 'missing', start: 0, duration: 10 },
        { id: 'a', start: 5, duration: 10 },
      ]),
    );
    expect(withRoot.root?.spanId).toBe('a');
    const rootless = buildTrace(
      makeCompactTrace([
        { id: 'y', parent: 'x', start: 0, duration: 1 },
        { id: 'x', parent: 'missing', start: 2, duration: 10 },
      ]),
    );
    expect(rootless.root?.spanId).toBe('x');
  });

  it('places every span of a parent cycle exactly once', () => {
    const trace = buildTrace(
      makeCompactTrace([
        { id: 'r', start: 0, duration: 10 },
        { id: 'p', parent: 'q', start: 1, duration: 1 },
        { id: 'q', parent: 'p', start: 2, duration: 1 },
        { id: 's', parent: 's', start: 3, duration: 1 },
      ]),
    );
    // a self-parented span is a root like any orphan; the p↔q cycle is broken at its earliest span
    expect(order(trace)).toEqual(['r', 's', 'p', '.q']);
  });

  it('counts services, errors and the span count', () => {
    const trace = buildTrace(
      makeCompactTrace([
        { id: 'a', service: 'web', start: 0, duration: 10 },
        { id: 'b', parent: 'a', service: 'db', start: 1, duration: 2, error: true },
        { id: 'c', parent: 'a', service: 'db', start: 3, duration: 2 },
      ]),
    );
    expect(trace.services).toEqual([{ name: 'db', spanCount: 2 }, { name: 'web', spanCount: 1 }]);
    expect(trace.errorCount).toBe(1);
    expect(trace.spans).toHaveLength(3);
    expect(trace.byId.get('b')!.serviceName).toBe('db');
  });

  it('lists services by name, as the search results do, whatever their span counts', () => {
    const trace = buildTrace(
      makeCompactTrace([
        { id: 'a', service: 'web', start: 0, duration: 10 },
        { id: 'b', parent: 'a', service: 'web', start: 1, duration: 2 },
        { id: 'c', parent: 'a', service: 'Zeta', start: 3, duration: 2 },
        { id: 'd', parent: 'a', service: 'api', start: 4, duration: 2 },
      ]),
    );
    expect(trace.services.map((s) => s.name)).toEqual(['Zeta', 'api', 'web']);
    expect(trace.depth).toBe(2);
  });

  it('handles a 100,000-deep chain without overflowing the stack', () => {
    const specs = Array.from({ length: 100_000 }, (_, i) => ({ id: `s${i}`, parent: i ? `s${i - 1}` : undefined, start: i, duration: 1 }));
    const trace = buildTrace(makeCompactTrace(specs));
    expect(trace.depth).toBe(100_000);
    expect(trace.spans[0].descendantCount).toBe(99_999);
  }, 30_000); // not a timing assertion: the machine may be busy
});
