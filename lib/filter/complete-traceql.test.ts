import { describe, expect, it } from 'vitest';
import { completeTraceQL, traceqlSuggestions } from './complete-traceql';

// the cursor is where ‸ is written
const at = (marked: string) => {
  const cursor = marked.indexOf('‸');
  return completeTraceQL(marked.replace('‸', ''), cursor);
};
const labels = (marked: string) => traceqlSuggestions(at(marked)).map((s) => s.label);

describe('completeTraceQL', () => {
  it('offers nothing at the start (a query begins with {)', () => {
    expect(at('‸')).toEqual({ kind: 'none', prefix: '', replace: { start: 0, end: 0 } });
  });

  it('offers scopes and intrinsics where a condition starts', () => {
    expect(at('{ ‸')).toEqual({ kind: 'scope', prefix: '', replace: { start: 2, end: 2 } });
    expect(at('{ span.a = 1 && ‸')).toMatchObject({ kind: 'scope', prefix: '' });
    expect(at('{ !(‸')).toMatchObject({ kind: 'scope', prefix: '' });
    expect(at('{ spa‸')).toEqual({ kind: 'scope', prefix: 'spa', replace: { start: 2, end: 5 } });
    expect(labels('{ spa‸')).toEqual(['span.', 'span:name', 'span:kind', 'span:status', 'span:statusMessage', 'span:duration', 'span:startTime', 'span:id', 'span:parentID', 'span:traceState']);
    expect(labels('{ trace:r‸')).toEqual(['trace:rootService', 'trace:rootName']);
  });

  it('offers attribute keys of the scope being typed', () => {
    expect(at('{ span.ht‸')).toEqual({ kind: 'attribute', scope: 'span', prefix: 'ht', replace: { start: 7, end: 9 } });
    expect(at('{ .ht‸ }')).toEqual({ kind: 'attribute', scope: 'unscoped', prefix: 'ht', replace: { start: 3, end: 5 } });
    expect(at('{ resource.‸')).toEqual({ kind: 'attribute', scope: 'resource', prefix: '', replace: { start: 11, end: 11 } });
    expect(at('{ instrumentation.x‸')).toMatchObject({ kind: 'attribute', scope: 'scope', prefix: 'x' });
    expect(at('{ span.ht‸ } >> { }')).toMatchObject({ kind: 'attribute', prefix: 'ht', replace: { start: 7, end: 9 } });
    // inside a word, the suggestion replaces all of it
    expect(at('{ span.ht‸tp.method = 1 }')).toMatchObject({ kind: 'attribute', prefix: 'ht', replace: { start: 7, end: 18 } });
    expect(at('{ spa‸n:name = "x" }')).toMatchObject({ kind: 'scope', prefix: 'spa', replace: { start: 2, end: 11 } });
  });

  it('offers operators after a field, fitting its type', () => {
    expect(at('{ span.http.method ‸')).toEqual({ kind: 'operator', operand: { kind: 'attribute', scope: 'span', key: 'http.method' }, prefix: '', replace: { start: 19, end: 19 } });
    expect(labels('{ span:status ‸')).toEqual(['=', '!=']);
    expect(labels('{ span:duration ‸')).toEqual(['=', '!=', '>', '>=', '<', '<=']);
    expect(at('{ span.a !‸')).toMatchObject({ kind: 'operator', prefix: '!', replace: { start: 9, end: 10 } });
    expect(labels('{ span.a !‸')).toEqual(['!=', '!~']);
  });

  it('offers values of the compared field, with what is typed of a string', () => {
    expect(at('{ span.http.method = ‸')).toEqual({
      kind: 'value',
      operand: { kind: 'attribute', scope: 'span', key: 'http.method' },
      scope: 'span',
      key: 'http.method',
      prefix: '',
      replace: { start: 21, end: 21 },
    });
    expect(at('{ span.http.method = "GE‸')).toMatchObject({ kind: 'value', key: 'http.method', prefix: 'GE', replace: { start: 21, end: 24 } });
    expect(at('{ .code >= 5‸')).toMatchObject({ kind: 'value', scope: 'unscoped', key: 'code', prefix: '5' });
    expect(at('{ status = ‸')).toMatchObject({ kind: 'value', operand: { kind: 'intrinsic', name: 'status' } });
    expect(labels('{ status = ‸')).toEqual(['error', 'ok', 'unset']);
    expect(labels('{ kind = se‸')).toEqual(['server']);
    expect(labels('{ duration > ‸')).toEqual(['100ms', '1s', '10s', '1m']);
    expect(labels('{ span.a = ‸')).toEqual(['nil', 'true', 'false']);
    expect(at('{ resource.service.name = "ch‸')).toMatchObject({ kind: 'value', operand: { kind: 'intrinsic', name: 'service' }, prefix: 'ch' });
  });

  it('names the service the query is about, for value suggestions', () => {
    expect(at('{ resource.service.name = "cart" && span.http.route = ‸')).toMatchObject({ kind: 'value', key: 'http.route', service: 'cart' });
    expect(at('{ span.http.route = ‸ } && { resource.service.name = "a\\"b" }')).toMatchObject({ service: 'a"b' });
    expect(at('{ .service.name = "cart" && span.a = ‸')).toMatchObject({ service: 'cart' });
    expect(at('{ span.service.name = "cart" && span.a = ‸')).not.toHaveProperty('service');
  });

  it('offers the operators that continue a condition or a spanset', () => {
    expect(at('{ span.a = 1 ‸')).toMatchObject({ kind: 'spansetOperator', inFilter: true });
    expect(labels('{ span.a = "x" ‸')).toEqual(['&&', '||', '}']);
    expect(at('{ span.a = 1 } ‸')).toMatchObject({ kind: 'spansetOperator', prefix: '' });
    expect(labels('{ span.a = 1 } ‸')).toContain('>>');
    expect(labels('{ span.a = 1 } ‸')).toContain('| count() >');
    expect(at('{ span.a = 1 } >> ‸')).toMatchObject({ kind: 'none' });
  });
});
