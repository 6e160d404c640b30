import { describe, expect, it } from 'vitest';
import { buildTrace } from './build-trace';
import { findInTrace, withAncestors } from './find-in-trace';
import { makeCompactTrace } from '@/lib/view/trace/testing/make-compact-trace';

const trace = buildTrace(
  makeCompactTrace([
    { id: '00000000000000a1', name: 'GET /checkout', service: 'frontend', start: 0, duration: 100, kind: 2 },
    { id: '00000000000000b2', parent: '00000000000000a1', name: 'SELECT orders', service: 'db', start: 1, duration: 5, kind: 3, attrs: { 'db.rows': 42 } },
    { id: '00000000000000c3', parent: '00000000000000a1', name: 'charge', service: 'payments', start: 9, duration: 40, error: true, attrs: { 'http.status_code': 502 } },
    { id: '00000000000000d4', parent: '00000000000000c3', name: 'authorize', service: 'payments', start: 10, duration: 30, kind: 3 },
  ]),
);
const find = (q: string) => findInTrace(trace.spans, q).map((s) => s.name);

describe('findInTrace', () => {
  it('matches span names and services case-insensitively', () => {
    expect(find('CHECKOUT')).toEqual(['GET /checkout']);
    expect(find('payments')).toEqual(['charge', 'authorize']);
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

  it('matches status, kind and duration fields, combined with text', () => {
    expect(find('status:error')).toEqual(['charge']);
    expect(find('STATUS:unset kind:client')).toEqual(['SELECT orders', 'authorize']);
    expect(find('kind:server')).toEqual(['GET /checkout']);
    expect(find('duration>=30us')).toEqual(['GET /checkout', 'charge', 'authorize']);
    expect(find('duration>30us kind:client')).toEqual([]);
    expect(find('duration<0.01ms')).toEqual(['SELECT orders']);
    expect(find('payments duration<35us')).toEqual(['authorize']);
  });

  it('takes a field term that does not parse as text', () => {
    expect(find('kind:purple')).toEqual([]);
    expect(find('duration>fast')).toEqual([]);
  });
});

describe('withAncestors', () => {
  it('keeps the matches and the chain above each, so the rows still form a tree', () => {
    const keep = withAncestors(trace, findInTrace(trace.spans, 'authorize'));
    expect([...keep].sort()).toEqual(['00000000000000a1', '00000000000000c3', '00000000000000d4']);
  });
});
