import { describe, expect, test } from 'vitest';
import { parseGroupKey } from './parse-group-key';
import { parseTraceQL } from './parse-traceql';
import { toSpanCondition } from './to-span-condition';

const of = (q: string) => {
  const parsed = parseTraceQL(q);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return toSpanCondition(parsed.filter);
};

describe('toSpanCondition', () => {
  test('one spanset, and | { … } stages, are one condition per span', () => {
    expect(of('{ }')).toEqual({ ok: true, where: { kind: 'true' } });
    const staged = of('{ span.a = "x" } | { status = error }');
    expect(staged.ok && staged.where.kind).toBe('and');
  });
  test.each([
    ['{ .a = 1 } && { .b = 2 }', /about a trace/],
    ['{ .a = 1 } >> { .b = 2 }', /structural operator >>/],
    ['{ } | count() > 2', /count\(\)/],
    ['{ } | select(span.a)', /select/],
    ['{ trace:duration > 1s }', /trace:duration is about the whole trace/],
  ])('%s has no per-span reading', (q, message) => {
    const r = of(q);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
  });
});

describe('parseGroupKey', () => {
  test.each([
    ['service', { kind: 'intrinsic', name: 'service' }],
    ['resource.service.name', { kind: 'intrinsic', name: 'service' }],
    ['operation', { kind: 'intrinsic', name: 'name' }],
    ['span:name', { kind: 'intrinsic', name: 'name' }],
    ['kind', { kind: 'intrinsic', name: 'kind' }],
    ['span.http.route', { kind: 'attribute', scope: 'span', key: 'http.route' }],
    ['resource.host.name', { kind: 'attribute', scope: 'resource', key: 'host.name' }],
    ['.tier', { kind: 'attribute', scope: 'unscoped', key: 'tier' }],
  ])('%s', (text, operand) => {
    expect(parseGroupKey(text)).toEqual({ ok: true, operand });
  });
  test.each(['duration', 'trace:rootService', 'event.x', 'link.y', 'tier', 'span.', ''])('%s is refused', (text) => {
    expect(parseGroupKey(text).ok).toBe(false);
  });
});
