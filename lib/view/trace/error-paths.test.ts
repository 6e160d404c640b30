import { describe, expect, it } from 'vitest';
import { buildTrace } from './build-trace';
import { errorPaths } from './error-paths';
import { generateRows } from './generate-rows';
import { makeCompactTrace } from '@/lib/view/trace/testing/make-compact-trace';

// web ─┬─ api (error) ── db (error)      the db call failed and api passed it on
//      ├─ cache
//      └─ pay (error)                    failed on its own
const trace = buildTrace(
  makeCompactTrace([
    { id: 'web', service: 'web', start: 0, duration: 100 },
    { id: 'api', parent: 'web', service: 'api', start: 5, duration: 50, error: true },
    { id: 'db', parent: 'api', service: 'db', start: 10, duration: 20, error: true },
    { id: 'cache', parent: 'web', service: 'cache', start: 60, duration: 5 },
    { id: 'pay', parent: 'web', service: 'pay', start: 70, duration: 20, error: true },
  ]),
);

describe('errorPaths', () => {
  const paths = errorPaths(trace);

  it('tells where errors originated from where they were passed on', () => {
    expect([...paths.origins].sort()).toEqual(['db', 'pay']);
    expect(paths.count).toBe(3);
  });

  it('marks every span with a failed descendant, at any depth', () => {
    expect([...paths.failedBelow].sort()).toEqual(['api', 'web']);
  });

  it('"errors only" keeps the failed spans and their ancestors, in tree order', () => {
    expect(generateRows(trace.spans, new Set(), paths.keep).map((s) => s.spanId)).toEqual(['web', 'api', 'db', 'pay']);
  });

  it('the first error is the first failed row', () => {
    expect(paths.first?.spanId).toBe('api');
  });

  it('a trace without errors has none of these', () => {
    const ok = errorPaths(buildTrace(makeCompactTrace([{ id: 'a', start: 0, duration: 1 }])));
    expect(ok).toMatchObject({ count: 0, first: undefined });
    expect(ok.keep.size).toBe(0);
  });
});
