import { describe, expect, it } from 'vitest';
import { StatusCode } from '@/lib/model/span-record';
import { makeResource, makeSpan, START_NS, TRACE_ID } from '@/lib/model/testing/make-span-record';
import { summarizeTrace } from '@/lib/traces/summarize-trace';
import { toTraceSummary } from './to-trace-summary';

const frontend = makeResource('frontend');
const backend = makeResource('backend');

describe('toTraceSummary', () => {
  it('summarizes a trace with a root, errors and two services (anchors §2.4 shape)', () => {
    const spans = [
      makeSpan({ spanId: '00000000000000b1', parentSpanId: '00000000000000a1', resource: backend, statusCode: StatusCode.ERROR, startNs: START_NS + 10n, endNs: START_NS + 900n }),
      makeSpan({ spanId: '00000000000000a1', name: 'HTTP GET /', resource: frontend, startNs: START_NS, endNs: START_NS + 1_000n }),
      makeSpan({ spanId: '00000000000000b2', parentSpanId: '00000000000000a1', resource: backend, statusCode: StatusCode.ERROR, startNs: START_NS + 20n, endNs: START_NS + 1_500n }),
      makeSpan({ spanId: '00000000000000c1', parentSpanId: '00000000000000a1', resource: frontend, statusCode: StatusCode.OK, startNs: START_NS + 30n, endNs: START_NS + 40n }),
    ];
    expect(toTraceSummary(spans)).toStrictEqual({
      traceId: TRACE_ID,
      rootServiceName: 'frontend',
      rootOperationName: 'HTTP GET /',
      minStartTimeUnixNano: '1700000000123456789',
      maxEndTimeUnixNano: '1700000000123458289',
      spanCount: 4,
      errorSpanCount: 2,
      orphanSpanCount: 0,
      services: [
        { name: 'backend', spanCount: 2, errorSpanCount: 2 },
        { name: 'frontend', spanCount: 2, errorSpanCount: 0 },
      ],
    });
  });

  it('falls back to the earliest span as root when every span has a parent, and counts the orphans', () => {
    const spans = [
      makeSpan({ spanId: '00000000000000b1', name: 'child-late', parentSpanId: '00000000000000ff', startNs: START_NS + 5n }),
      makeSpan({ spanId: '00000000000000b2', name: 'child-early', parentSpanId: '00000000000000ff', resource: backend, startNs: START_NS }),
      makeSpan({ spanId: '00000000000000b3', name: 'grandchild', parentSpanId: '00000000000000b1', startNs: START_NS + 6n }),
    ];
    const summary = toTraceSummary(spans);
    expect(summary.rootOperationName).toBe('child-early');
    expect(summary.rootServiceName).toBe('backend');
    expect(summary.orphanSpanCount).toBe(2);
  });

  it('counts orphans even when a root is present', () => {
    const spans = [makeSpan({ spanId: '00000000000000a1' }), makeSpan({ spanId: '00000000000000b1', parentSpanId: '0000000000000bad' })];
    const summary = toTraceSummary(spans);
    expect(summary.rootOperationName).toBe('GET /');
    expect(summary.orphanSpanCount).toBe(1);
  });

  it('picks the earliest of several parentless spans as root', () => {
    const spans = [
      makeSpan({ spanId: '00000000000000a2', name: 'second', startNs: START_NS + 1n }),
      makeSpan({ spanId: '00000000000000a1', name: 'first', startNs: START_NS }),
      makeSpan({ spanId: '00000000000000a0', name: 'child', parentSpanId: '00000000000000a2', startNs: START_NS - 100n }),
    ];
    expect(toTraceSummary(spans).rootOperationName).toBe('first');
  });

  it('keeps times as strings and counts as numbers after JSON', () => {
    const json = JSON.parse(JSON.stringify(toTraceSummary([makeSpan()])));
    expect(typeof json.minStartTimeUnixNano).toBe('string');
    expect(typeof json.spanCount).toBe('number');
  });

  it('refuses an empty trace', () => {
    expect(() => toTraceSummary([])).toThrow(/at least one span/);
  });
});

describe('summarizeTrace', () => {
  it('reports the times of the whole trace, not just the root span', () => {
    const spans = [
      makeSpan({ spanId: '0000000000000001', startNs: START_NS, endNs: START_NS + 100n }),
      makeSpan({ spanId: '0000000000000002', parentSpanId: '0000000000000001', startNs: START_NS + 10n, endNs: START_NS + 250n }),
      makeSpan({ spanId: '0000000000000003', parentSpanId: '0000000000000002', startNs: START_NS + 20n, endNs: START_NS + 30n }),
      makeSpan({ spanId: '0000000000000004', parentSpanId: '0000000000000001', startNs: START_NS + 20n, endNs: START_NS + 30n }),
    ];
    const s = summarizeTrace(spans);
    expect(s.maxEndNs - s.minStartNs).toBe(250n);
  });
});
