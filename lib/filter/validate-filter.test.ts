import { describe, expect, it } from 'vitest';
import { FILTER_LIMITS, type PipelineStage, type SpanCondition } from './filter-ast';
import { completeTraceQL } from './complete-traceql';
import { parseRfc0005 } from './parse-rfc0005';
import { parseTraceQL } from './parse-traceql';
import { validateFilter } from './validate-filter';
import { and, attr, bool, cmp, dbl, dur, exists, filterOf, inList, int, intr, kindLit, not, pipeline, re, some, spans, statusLit, str, TRUE, untyped } from './testing/build-filter';

const check = (where: SpanCondition) => validateFilter(filterOf(spans(where)))?.message;
const checkStage = (stage: PipelineStage) => validateFilter(filterOf(pipeline(spans(TRUE), stage)))?.message;

describe('validateFilter', () => {
  it('accepts well-typed comparisons on every kind of field', () => {
    for (const c of [
      cmp(attr('span', 'a'), '>', int(1)),
      cmp(attr('span', 'a'), '<=', dbl(1.5)),
      cmp(attr('span', 'a'), '>', str('m')),
      cmp(attr('span', 'a'), '=', bool(true)),
      cmp(attr('span', 'a'), '>', untyped('5')),
      cmp(intr('name'), '>', str('m')),
      cmp(intr('name'), '=', untyped('x')),
      cmp(intr('duration'), '>', dur(1)),
      cmp(intr('traceDuration'), '<', dur(1)),
      cmp(intr('kind'), '!=', kindLit('server')),
      cmp(intr('status'), '=', statusLit('ok')),
      cmp(intr('spanCount'), '>', int(3)),
      cmp(intr('errorCount'), '>', dbl(0.5)),
      cmp(intr('start'), '>=', int(1)),
      re(intr('service'), 'a.*', 'anywhere'),
      exists(intr('parentSpanId'), true),
      inList(intr('kind'), [kindLit('server'), kindLit('client')]),
      not(some('event', and(cmp(intr('eventName'), '=', str('x')), some('link', exists(attr('link', 'k')))))),
    ]) {
      expect(check(c), JSON.stringify(c, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).toBeUndefined();
    }
  });

  it('refuses ill-typed comparisons, naming the field and the constant', () => {
    expect(check(cmp(intr('duration'), '>', int(5)))).toBe('span:duration is a duration: compare it with a duration such as 100ms, not 5');
    expect(check(cmp(intr('name'), '=', int(5)))).toBe('span:name holds text: compare it with a string, not 5');
    expect(check(cmp(intr('kind'), '=', str('server')))).toContain('span:kind compares with a kind word');
    expect(check(cmp(intr('status'), '<', statusLit('ok')))).toBe('statuses have no order: use = or != with span:status');
    expect(check(cmp(intr('spanCount'), '>', str('3')))).toContain('trace:spanCount is a number');
    expect(check(cmp(intr('start'), '>', dur(3)))).toContain('span:startTime is a time in unix nanoseconds');
    expect(check(cmp(attr('span', 'a'), '>', bool(true)))).toBe('booleans have no order: span.a > true');
    expect(check(cmp(attr('resource', 'a b'), '=', dur(1)))).toContain('resource."a b" is an attribute');
    expect(check(re(intr('status'), 'e.*'))).toContain('span:status is not text');
    expect(check(re(attr('span', 'a'), '(?<=x)'))).toContain('lookaround');
    expect(check(inList(intr('duration'), [dur(1), int(2)]))).toContain('span:duration is a duration');
  });

  it('refuses empty or oversized lists and structures', () => {
    expect(check(inList(attr('span', 'a'), []))).toContain('at least one value');
    expect(check(inList(attr('span', 'a'), Array.from({ length: FILTER_LIMITS.maxInValues + 1 }, (_, i) => int(i))))).toContain(`more than ${FILTER_LIMITS.maxInValues} values`);
    expect(check(inList(attr('span', 'a'), Array.from({ length: FILTER_LIMITS.maxInValues }, (_, i) => int(i))))).toBeUndefined();
    expect(check({ kind: 'and', args: [] })).toBe('an empty and');
    let deep: SpanCondition = exists(attr('span', 'a'));
    for (let i = 0; i < FILTER_LIMITS.maxDepth; i++) deep = not(deep);
    expect(check(deep)).toContain('nested deeper');
    expect(check(some('event', some('event', exists(attr('event', 'a')))))).toContain('a some over events inside another some over events');
    expect(validateFilter(filterOf(pipeline(spans(TRUE))))?.message).toBe('an empty pipeline');
    expect(checkStage({ kind: 'select', operands: [] })).toBe('select() needs at least one field');
  });

  it('checks aggregates', () => {
    expect(checkStage({ kind: 'aggregate', fn: 'count', op: '>', value: int(2) })).toBeUndefined();
    expect(checkStage({ kind: 'aggregate', fn: 'avg', operand: intr('duration'), op: '>', value: dur(2) })).toBeUndefined();
    expect(checkStage({ kind: 'aggregate', fn: 'sum', operand: attr('span', 'bytes'), op: '>', value: dbl(2) })).toBeUndefined();
    expect(checkStage({ kind: 'aggregate', fn: 'count', operand: intr('duration'), op: '>', value: int(2) })).toBe('count() takes no argument');
    expect(checkStage({ kind: 'aggregate', fn: 'count', op: '>', value: dur(2) })).toContain('count() is a number');
    expect(checkStage({ kind: 'aggregate', fn: 'max', op: '>', value: int(2) })).toContain('max() needs a field');
    expect(checkStage({ kind: 'aggregate', fn: 'min', operand: intr('kind'), op: '>', value: int(2) })).toContain('needs a numeric or duration field');
    expect(checkStage({ kind: 'aggregate', fn: 'avg', operand: intr('traceDuration'), op: '>', value: int(2) })).toContain('is a duration');
  });
});

describe('every door answers arbitrary input with a result, never an exception', () => {
  // a small deterministic generator, so a failure reproduces
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const PIECES = ['{', '}', '(', ')', ' ', '.', 'span.', 'resource.', 'event.', 'link.', 'a', '"x"', '"', '`', '\\', '1', '1.5', '2s', '-', '=', '!=', '=~', '!~', '>', '>>', '<', '<<', '~', '&&', '||', '!', '|', 'count()', 'avg(', 'select(', ',', 'nil', 'true', 'status', 'error', 'kind', 'server', 'duration', 'name', 'trace:id', 'by(', 'µ', '"(?=a)"', '[', '\n'];

  it('parseTraceQL and completeTraceQL', () => {
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: 1 + rnd(14) }, () => PIECES[rnd(PIECES.length)]).join('');
      const r = parseTraceQL(text);
      expect(typeof r.ok).toBe('boolean');
      if (!r.ok) expect(r.error.position!.start).toBeLessThanOrEqual(r.error.position!.end);
      const c = completeTraceQL(text, rnd(text.length + 1));
      expect(c.replace.start).toBeLessThanOrEqual(c.replace.end);
    }
  });

  it('parseRfc0005', () => {
    const values: unknown[] = [null, 1, 'x', true, [], {}, { op: 'eq' }, { attr: { key: 'a' } }, { scalar: { value: '1' } }, { nested: { level: 'event' } }, { list: { values: ['1'] } }];
    const gen = (d: number): unknown => {
      if (d > 3 || rnd(3) === 0) return values[rnd(values.length)];
      const ops = ['and', 'or', 'not', 'eq', 'gt', 'regex', 'exists', 'in', 'some', 'xx'];
      return { op: ops[rnd(ops.length)], args: Array.from({ length: rnd(4) }, () => (rnd(2) ? { call: gen(d + 1) } : values[rnd(values.length)])) };
    };
    for (let n = 0; n < 3000; n++) {
      const r = parseRfc0005(gen(0));
      expect(typeof r.ok).toBe('boolean');
    }
    expect(parseRfc0005({ op: 'eq', args: [1n] })).toEqual({ ok: false, error: { message: 'the filter is not JSON data', path: '$' } });
  });
});
