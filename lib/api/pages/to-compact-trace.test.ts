import { describe, expect, it } from 'vitest';
import { makeResource, makeScope, makeSpan, START_NS } from '@/lib/model/testing/make-span-record';
import { toCompactTrace } from './to-compact-trace';

describe('toCompactTrace: resources and scopes', () => {
  it('sends each stored resource and scope once, by row id', () => {
    const web = makeResource('web');
    const trace = toCompactTrace([
      makeSpan({ spanId: '0000000000000001', resource: web, resourceId: 1, scope: makeScope('http'), scopeId: 5 }),
      // the same rows in distinct objects
      makeSpan({ spanId: '0000000000000002', resource: structuredClone(web), resourceId: 1, scope: makeScope('http'), scopeId: 5 }),
      makeSpan({ spanId: '0000000000000003', resource: makeResource('db'), resourceId: 2, scope: makeScope('http'), scopeId: 5 }),
    ]);
    expect(trace.spans.map((s) => [s.r, s.c])).toEqual([[0, 0], [0, 0], [1, 0]]);
    expect(trace.resources.map((r) => trace.strings[r.s])).toEqual(['web', 'db']);
    expect(trace.scopes).toHaveLength(1);
  });

  it('groups records without ids (fresh from ingest) by object', () => {
    const shared = makeResource('web');
    const trace = toCompactTrace([
      makeSpan({ spanId: '0000000000000001', resource: shared, startNs: START_NS }),
      makeSpan({ spanId: '0000000000000002', resource: shared }),
      makeSpan({ spanId: '0000000000000003', resource: makeResource('web') }),
    ]);
    expect(trace.spans.map((s) => s.r)).toEqual([0, 0, 1]);
  });
});
