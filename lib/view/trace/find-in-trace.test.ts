import { describe, expect, it } from 'vitest';
import { buildTrace } from './build-trace';
import { findInTrace } from './find-in-trace';
import { makeCompactTrace } from '@/lib/view/trace/testing/make-compact-trace';

const trace = buildTrace(
  makeCompactTrace([
    { id: '00000000000000a1', name: 'GET /checkout', service: 'frontend', start: 0, duration: 100 },
    { id: '00000000000000b2', parent: '00000000000000a1', name: 'SELECT orders', service: 'db', start: 1, duration: 5, attrs: { 'db.rows': 42 } },
    { id: '00000000000000c3', parent: '00000000000000a1', name: 'charge', service: 'payments', start: 9, duration: 5, attrs: { 'http.status_code': 502 } },
  ]),
);
const find = (q: string) => findInTrace(trace.spans, q).map((s) => s.name);

describe('findInTrace', () => {
  it('matches span names and services case-insensitively', () => {
    expect(find('CHECKOUT')).toEqual(['GET /checkout']);
    expect(find('payments')).toEqual(['charge']);
  });

  it('matches attributes as key=value, typed values in their string form', () => {
    expect(find('http.status_code=502')).toEqual(['charge']);
    expect(find('db.rows=42')).toEqual(['SELECT orders']);
  });

  it('matches a span id', () => {
    expect(find('00000000000000b2')).toEqual(['SELECT orders']);
  });

  it('requires every term', () => {
    expect(find('db select')).toEqual(['SELECT orders']);
    expect(find('db charge')).toEqual([]);
  });

  it('matches nothing for an empty query', () => {
    expect(find('  ')).toEqual([]);
  });
});
