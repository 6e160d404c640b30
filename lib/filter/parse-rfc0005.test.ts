import { describe, expect, it } from 'vitest';
import { FILTER_LIMITS } from './filter-ast';
import { parseRfc0005 } from './parse-rfc0005';
import {
  and,
  attr,
  bool,
  cmp,
  combine,
  dbl,
  dur,
  exists,
  inList,
  int,
  intr,
  kindLit,
  not,
  or,
  re,
  some,
  spans,
  statusLit,
  str,
  untyped,
} from './testing/build-filter';

const ok = (input: unknown) => {
  const r = parseRfc0005(input);
  if (!r.ok) throw new Error(`${JSON.stringify(input)}: ${r.error.message} at ${r.error.path}`);
  return r.filter.root;
};
const attrRef = (key: string, level?: string) => ({ attr: level === undefined ? { key } : { key, level } });
const field = (name: string, level: string) => ({ field: { name, level } });
const scalar = (value: string, type?: string) => ({ scalar: type === undefined ? { value } : { value, type } });
const call = (op: string, ...args: unknown[]) => ({ call: { op, args } });
const top = (op: string, ...args: unknown[]) => ({ op, args });

describe('parseRfc0005: the RFC text examples', () => {
  it('§6.2 http.status_code = 500 (untyped, unqualified), from JSON text', () => {
    expect(ok('{"op":"eq","args":[{"attr":{"key":"http.status_code"}},{"scalar":{"value":"500"}}]}')).toEqual(
      spans(cmp(attr('unscoped', 'http.status_code'), '=', untyped('500'))),
    );
  });

  it('§6.2 span.duration > 2s AND http.status_code in [500, 503]: one span', () => {
    const filter = {
      op: 'and',
      args: [
        { call: { op: 'gt', args: [{ field: { name: 'duration', level: 'span' } }, { scalar: { value: '2s' } }] } },
        { call: { op: 'in', args: [{ attr: { key: 'http.status_code' } }, { list: { values: ['500', '503'] } }] } },
      ],
    };
    expect(ok(filter)).toEqual(spans(and(cmp(intr('duration'), '>', dur(2e9)), inList(attr('unscoped', 'http.status_code'), [untyped('500'), untyped('503')]))));
  });

  it('§5.5 an exception event: one event satisfies the whole some', () => {
    expect(ok(top('some', { nested: { level: 'event' } }, call('and', call('eq', field('name', 'event'), scalar('exception')), call('exists', attrRef('exception.type', 'event')))))).toEqual(
      spans(some('event', and(cmp(intr('eventName'), '=', str('exception')), exists(attr('event', 'exception.type'))))),
    );
  });

  it('§5.5 the timeSinceStart example is refused by name (we do not store event offsets as a field)', () => {
    const r = parseRfc0005(top('some', { nested: { level: 'event' } }, call('and', call('eq', field('name', 'event'), scalar('exception')), call('gt', field('timeSinceStart', 'event'), scalar('50us')))));
    expect(r).toEqual({ ok: false, error: { message: 'the event field "timeSinceStart" is not supported', path: '$.args[1].call.args[1].call.args[0].field.name' } });
  });

  it('§6.2 comparing two references is refused', () => {
    const r = parseRfc0005(top('ne', attrRef('enduser.id', 'span'), attrRef('enduser.id', 'resource')));
    expect(r).toEqual({ ok: false, error: { message: 'comparing two references is not supported: compare a reference with a scalar', path: '$.args[1].attr' } });
  });
});

describe('parseRfc0005: operators, levels, fields, types', () => {
  it('maps every comparison operator, and mirrors a constant written first', () => {
    const ops = { eq: '=', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
    for (const [op, sym] of Object.entries(ops)) expect(ok(top(op, attrRef('a', 'span'), scalar('1', 'int'))), op).toEqual(spans(cmp(attr('span', 'a'), sym, int(1))));
    expect(ok(top('gt', scalar('500', 'int'), attrRef('code')))).toEqual(spans(cmp(attr('unscoped', 'code'), '<', int(500))));
  });

  it('reads every level of attribute, typed scalars, regex (anywhere), exists, in and not_in, not, or', () => {
    expect(ok(top('eq', attrRef('k', 'resource'), scalar('v', 'string')))).toEqual(spans(cmp(attr('resource', 'k'), '=', str('v'))));
    expect(ok(top('eq', attrRef('k', 'scope'), scalar('2.5', 'double')))).toEqual(spans(cmp(attr('scope', 'k'), '=', dbl(2.5))));
    expect(ok(top('eq', attrRef('k', 'span'), scalar('true', 'bool')))).toEqual(spans(cmp(attr('span', 'k'), '=', bool(true))));
    expect(ok(top('eq', attrRef('k', 'link'), scalar('x')))).toEqual(spans(some('link', cmp(attr('link', 'k'), '=', untyped('x')))));
    expect(ok(top('regex', attrRef('http.route'), scalar('/api/orders/.*')))).toEqual(spans(re(attr('unscoped', 'http.route'), '/api/orders/.*', 'anywhere')));
    expect(ok(top('exists', attrRef('db.statement', 'span')))).toEqual(spans(exists(attr('span', 'db.statement'))));
    expect(ok(top('not_in', attrRef('c', 'span'), { list: { values: ['1', '2'], type: 'int' } }))).toEqual(spans(inList(attr('span', 'c'), [int(1), int(2)], true)));
    expect(ok(top('not', call('exists', attrRef('x'))))).toEqual(spans(not(exists(attr('unscoped', 'x')))));
    expect(ok(top('or', call('eq', attrRef('a'), scalar('1')), call('eq', attrRef('b'), scalar('2'))))).toEqual(spans(or(cmp(attr('unscoped', 'a'), '=', untyped('1')), cmp(attr('unscoped', 'b'), '=', untyped('2')))));
  });

  it('resolves constants against built-in fields', () => {
    const field1 = (name: string, level: string, value: string) => (ok(top('eq', field(name, level), scalar(value))) as { where: unknown }).where;
    expect(field1('name', 'span', 'GET /')).toEqual(cmp(intr('name'), '=', str('GET /')));
    expect(field1('kind', 'span', 'server')).toEqual(cmp(intr('kind'), '=', kindLit('server')));
    expect(field1('status', 'span', 'error')).toEqual(cmp(intr('status'), '=', statusLit('error')));
    expect(field1('statusMessage', 'span', 'x')).toEqual(cmp(intr('statusMessage'), '=', str('x')));
    expect(field1('traceID', 'span', 'ab')).toEqual(cmp(intr('traceId'), '=', str('ab')));
    expect(field1('spanID', 'span', 'cd')).toEqual(cmp(intr('spanId'), '=', str('cd')));
    expect(field1('parentSpanID', 'span', 'ef')).toEqual(cmp(intr('parentSpanId'), '=', str('ef')));
    expect(field1('traceState', 'span', 'a=b')).toEqual(cmp(intr('traceState'), '=', str('a=b')));
    expect(field1('startTime', 'span', '2026-11-30T12:00:00.000000123Z')).toEqual(cmp(intr('start'), '=', int(BigInt(Date.UTC(2026, 10, 30, 12)) * 1_000_000n + 123n)));
    expect(field1('duration', 'span', '1h30m')).toEqual(cmp(intr('duration'), '=', dur(5_400_000_000_000)));
    expect(field1('service', 'resource', 'checkout')).toEqual(cmp(intr('service'), '=', str('checkout')));
    expect(field1('name', 'scope', 'io.grpc')).toEqual(cmp(intr('scopeName'), '=', str('io.grpc')));
    expect(field1('version', 'scope', '1.2')).toEqual(cmp(intr('scopeVersion'), '=', str('1.2')));
    expect(field1('name', 'event', 'exception')).toEqual(some('event', cmp(intr('eventName'), '=', str('exception'))));
  });

  it('reads our trace level', () => {
    const t = (name: string, op: string, value: string) => (ok(top(op, field(name, 'trace'), scalar(value))) as { where: unknown }).where;
    expect(t('duration', 'gt', '5s')).toEqual(cmp(intr('traceDuration'), '>', dur(5e9)));
    expect(t('rootService', 'eq', 'gw')).toEqual(cmp(intr('rootService'), '=', str('gw')));
    expect(t('rootName', 'eq', 'GET /')).toEqual(cmp(intr('rootName'), '=', str('GET /')));
    expect(t('spanCount', 'gte', '100')).toEqual(cmp(intr('spanCount'), '>=', int(100)));
    expect(t('errorCount', 'gt', '0')).toEqual(cmp(intr('errorCount'), '>', int(0)));
  });

  it('reads a top-level some over span as spansets of one trace', () => {
    const A = call('eq', field('service', 'resource'), scalar('checkout'));
    const B = call('eq', field('status', 'span'), scalar('error'));
    const someSpan = (p: unknown) => call('some', { nested: { level: 'span' } }, p);
    const sA = spans(cmp(intr('service'), '=', str('checkout')));
    const sB = spans(cmp(intr('status'), '=', statusLit('error')));
    expect(ok(top('and', someSpan(A), someSpan(B)))).toEqual(combine('&&', sA, sB));
    expect(ok(top('or', someSpan(A), someSpan(B)))).toEqual(combine('||', sA, sB));
    expect(ok(top('some', { nested: { level: 'span' } }, A))).toEqual(sA);
    // a plain predicate beside span quantifiers is its own spanset
    expect(ok(top('and', someSpan(A), B))).toEqual(combine('&&', sA, sB));
  });
});

describe('parseRfc0005: refusals name the problem and its JSON path', () => {
  const refusals: [unknown, string, string][] = [
    ['{"op":', 'not JSON', '$'],
    [[], 'expected a call', '$'],
    [{ op: 'matches', args: [] }, 'unknown filter operator "matches"', '$.op'],
    [{ op: 'eq' }, '"args" must be an array', '$.args'],
    [{ op: 'eq', args: [attrRef('a')], extra: 1 }, 'unknown member "extra"', '$.extra'],
    [top('eq', attrRef('a')), 'eq takes 2 arguments, not 1', '$.args'],
    [top('and', call('exists', attrRef('a'))), 'and takes two or more arguments', '$.args'],
    [top('eq', { attr: { key: 'a' }, scalar: { value: '1' } }, scalar('1')), 'exactly one of', '$.args[0]'],
    [top('eq', attrRef('a', 'process'), scalar('1')), 'unknown level "process"', '$.args[0].attr.level'],
    [top('eq', attrRef(''), scalar('1')), '"key" must not be empty', '$.args[0].attr.key'],
    [top('eq', field('duration', ''), scalar('1s')), 'needs a "level"', '$.args[0].field.level'],
    [top('eq', field('colour', 'span'), scalar('x')), 'unknown span field "colour"', '$.args[0].field.name'],
    [top('eq', field('endTime', 'span'), scalar('x')), 'span field "endTime" is not supported', '$.args[0].field.name'],
    [top('eq', field('traceID', 'link'), scalar('x')), 'link field "traceID" is not supported', '$.args[0].field.name'],
    [top('gt', field('duration', 'span'), scalar('not-a-duration')), '"not-a-duration" is not a duration', '$.args[1].scalar.value'],
    [top('eq', field('kind', 'span'), scalar('SERVER')), 'is not a span kind', '$.args[1].scalar.value'],
    [top('gt', field('kind', 'span'), scalar('server')), 'span kinds have no order', '$'],
    [top('eq', field('status', 'span'), scalar('failed')), 'is not a status', '$.args[1].scalar.value'],
    [top('eq', attrRef('a'), scalar('x', 'int')), '"x" is not an int', '$.args[1].scalar.value'],
    [top('eq', attrRef('a'), scalar('x', 'float')), 'unknown type "float"', '$.args[1].scalar.type'],
    [top('gt', attrRef('a'), scalar('true', 'bool')), 'booleans have no order', '$'],
    [top('gt', field('duration', 'span'), scalar('5', 'int')), 'is a duration', '$'],
    [top('regex', field('duration', 'span'), scalar('1.*')), 'not text', '$'],
    [top('regex', attrRef('a'), scalar('^GET')), 'anchors', '$.args[1].scalar.value'],
    [top('regex', attrRef('a'), scalar('a.*?b')), 'lazy quantifiers', '$.args[1].scalar.value'],
    [top('regex', attrRef('a'), scalar('(?i)get')), 'inline flags', '$.args[1].scalar.value'],
    [top('regex', attrRef('a'), scalar('a(?=b)')), 'lookaround', '$.args[1].scalar.value'],
    [top('in', attrRef('a'), scalar('1')), 'in takes a reference and a list', '$.args[1].scalar'],
    [top('in', attrRef('a'), { list: { values: [] } }), 'an empty list', '$.args[1].list.values'],
    [top('in', attrRef('a'), { list: { values: [1] } }), 'list values are strings', '$.args[1].list.values[0]'],
    [top('some', { nested: { level: 'resource' } }, call('exists', attrRef('a'))), 'some ranges over event or link', '$.args[0].nested.level'],
    [top('some', { nested: { level: 'event' } }, call('some', { nested: { level: 'event' } }, call('exists', attrRef('a', 'event')))), 'inside another some', '$.args[1].call'],
    [top('not', call('some', { nested: { level: 'span' } }, call('exists', attrRef('a')))), 'allowed only at the top level', '$.args[0].call'],
    [top('exists', { nested: { level: 'event' } }), 'only the first argument of some', '$.args[0].nested'],
    [top('eq', scalar('1'), scalar('1')), 'needs a reference', '$.args'],
    [top('and', call('exists', attrRef('a')), scalar('1')), 'and takes predicates (calls), not scalar', '$.args[1].scalar'],
    [top('eq', attrRef('a'), { scalar: { value: 5 } }), '"value" must be a string', '$.args[1].scalar.value'],
  ];
  it.each(refusals)('%j', (input, message, path) => {
    const r = parseRfc0005(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toContain(message);
    expect(r.error.path).toBe(path);
  });

  it('refuses what exceeds the limits', () => {
    const long = top('eq', attrRef('a'), scalar('x'.repeat(FILTER_LIMITS.maxQueryLength)));
    expect(parseRfc0005(long)).toMatchObject({ ok: false, error: { message: expect.stringContaining('longer than') } });
    expect(parseRfc0005(JSON.stringify(long))).toMatchObject({ ok: false, error: { message: expect.stringContaining('longer than') } });
    let deep: unknown = call('exists', attrRef('a'));
    for (let i = 0; i < FILTER_LIMITS.maxDepth + 1; i++) deep = call('not', deep);
    expect(parseRfc0005((deep as { call: unknown }).call)).toMatchObject({ ok: false, error: { message: expect.stringContaining('nested deeper') } });
    // (short leaves, so that the JSON stays under the length limit)
    const many = top('or', ...Array.from({ length: FILTER_LIMITS.maxLeaves + 1 }, () => call('exists', attrRef('a'))));
    expect(parseRfc0005(many)).toMatchObject({ ok: false, error: { message: expect.stringContaining('conditions'), path: '$' } });
  });
});
