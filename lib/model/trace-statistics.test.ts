import { describe, expect, test } from 'vitest';
import { computeTraceStatistics } from './trace-statistics';
import type { SpanRecord } from './span-record';
import { makeResource, makeSpan, START_NS } from './testing/make-span-record';

const ms = (n: number) => START_NS + BigInt(n) * 1_000_000n;
const web = makeResource('web', { 'host.name': 'h1' });
const db = makeResource('db', { 'host.name': 'h2' });
const span = (id: string, parent: string, from: number, to: number, extra: Partial<SpanRecord> = {}): SpanRecord =>
  makeSpan({ spanId: id.padStart(16, '0'), parentSpanId: parent ? parent.padStart(16, '0') : '', startNs: ms(from), endNs: ms(to), resource: web, ...extra });
const M = 1_000_000n;

const trace = [
  span('r', '', 0, 100, { name: 'GET /', attributes: { 'http.status_code': 200 } }),
  span('q1', 'r', 10, 30, { name: 'SELECT', resource: db }),
  span('q2', 'r', 20, 50, { name: 'SELECT', resource: db, attributes: { 'http.status_code': 200, 'host.name': 'own' } }),
  span('c', 'r', 60, 70, { name: 'cache', attributes: { 'http.status_code': 404 } }),
];

describe('computeTraceStatistics', () => {
  test('one row per service and operation: count, total and self time, most self time first', () => {
    expect(computeTraceStatistics(trace)).toEqual([
      { service: 'db', operation: 'SELECT', count: 2, totalNs: 50n * M, selfNs: 50n * M },
      { service: 'web', operation: 'GET /', count: 1, totalNs: 100n * M, selfNs: 50n * M },
      { service: 'web', operation: 'cache', count: 1, totalNs: 10n * M, selfNs: 10n * M },
    ]);
  });

  test('grouped by an attribute: split by its string form, spans without it in the null group', () => {
    expect(computeTraceStatistics(trace, 'http.status_code')).toEqual([
      { service: 'web', operation: 'GET /', group: '200', count: 1, totalNs: 100n * M, selfNs: 50n * M },
      { service: 'db', operation: 'SELECT', group: '200', count: 1, totalNs: 30n * M, selfNs: 30n * M },
      { service: 'db', operation: 'SELECT', group: null, count: 1, totalNs: 20n * M, selfNs: 20n * M },
      { service: 'web', operation: 'cache', group: '404', count: 1, totalNs: 10n * M, selfNs: 10n * M },
    ]);
  });

  test('a resource attribute groups too; the span’s own value wins', () => {
    const groups = computeTraceStatistics(trace, 'host.name').map((r) => [r.service, r.operation, r.group, r.count]);
    expect(groups).toEqual([
      ['web', 'GET /', 'h1', 1],
      ['db', 'SELECT', 'own', 1],
      ['db', 'SELECT', 'h2', 1],
      ['web', 'cache', 'h1', 1],
    ]);
  });
});
