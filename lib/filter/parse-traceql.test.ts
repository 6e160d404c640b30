import { describe, expect, it } from 'vitest';
import type { Spanset } from './filter-ast';
import { FILTER_LIMITS } from './filter-ast';
import { parseTraceQL } from './parse-traceql';
import {
  and,
  attr,
  bool,
  cmp,
  combine,
  dbl,
  dur,
  exists,
  filterOf,
  int,
  intr,
  kindLit,
  not,
  or,
  pipeline,
  re,
  some,
  spans,
  statusLit,
  str,
  structural,
  TRUE,
} from './testing/build-filter';

const parsed = (q: string): Spanset => {
  const r = parseTraceQL(q);
  if (!r.ok) throw new Error(`${q}: ${r.error.message} at ${JSON.stringify(r.error.position)}`);
  return r.filter.root;
};
const where = (q: string) => {
  const root = parsed(q);
  if (root.kind !== 'spans') throw new Error(`${q} is not one filter`);
  return root.where;
};

describe('parseTraceQL: spanset filters', () => {
  it('reads every attribute scope, unscoped and quoted keys', () => {
    expect(where('{ span.http.method = "GET" }')).toEqual(cmp(attr('span', 'http.method'), '=', str('GET')));
    expect(where('{ resource.deployment.environment = "prod" }')).toEqual(cmp(attr('resource', 'deployment.environment'), '=', str('prod')));
    expect(where('{ scope.lang = "go" }')).toEqual(cmp(attr('scope', 'lang'), '=', str('go')));
    expect(where('{ instrumentation.lang = "go" }')).toEqual(cmp(attr('scope', 'lang'), '=', str('go')));
    expect(where('{ .http.route = "/a" }')).toEqual(cmp(attr('unscoped', 'http.route'), '=', str('/a')));
    expect(where('{ span."attribute name with space" = "v" }')).toEqual(cmp(attr('span', 'attribute name with space'), '=', str('v')));
    expect(where('{ span.attribute."with \\"quote\\" and \\\\" = "v" }')).toEqual(cmp(attr('span', 'attribute.with "quote" and \\'), '=', str('v')));
    expect(where('{ .foo-bar/baz=1 }')).toEqual(cmp(attr('unscoped', 'foo-bar/baz'), '=', int(1)));
  });

  it('reads event and link attributes as one event (link) per conjunction', () => {
    expect(where('{ event.exception.message =~ ".*timeout.*" }')).toEqual(some('event', re(attr('event', 'exception.message'), '.*timeout.*')));
    expect(where('{ event:name = "exception" && event.exception.type = "IOError" && span.a = 1 }')).toEqual(
      and(some('event', and(cmp(intr('eventName'), '=', str('exception')), cmp(attr('event', 'exception.type'), '=', str('IOError')))), cmp(attr('span', 'a'), '=', int(1))),
    );
    expect(where('{ event.a = 1 || event.b = 2 }')).toEqual(or(some('event', cmp(attr('event', 'a'), '=', int(1))), some('event', cmp(attr('event', 'b'), '=', int(2)))));
    expect(where('{ link.opentracing.ref_type = "child_of" && event.a = 1 && link.b = 2 }')).toEqual(
      and(some('link', and(cmp(attr('link', 'opentracing.ref_type'), '=', str('child_of')), cmp(attr('link', 'b'), '=', int(2)))), some('event', cmp(attr('event', 'a'), '=', int(1)))),
    );
    expect(where('{ !(event.a = 1) }')).toEqual(not(some('event', cmp(attr('event', 'a'), '=', int(1)))));
  });

  it('reads every intrinsic, unscoped and scoped', () => {
    const cases: [string, ReturnType<typeof where>][] = [
      ['{ name = "GET /" }', cmp(intr('name'), '=', str('GET /'))],
      ['{ span:name = "GET /" }', cmp(intr('name'), '=', str('GET /'))],
      ['{ status = error }', cmp(intr('status'), '=', statusLit('error'))],
      ['{ span:status != ok }', cmp(intr('status'), '!=', statusLit('ok'))],
      ['{ status = unset }', cmp(intr('status'), '=', statusLit('unset'))],
      ['{ kind = server }', cmp(intr('kind'), '=', kindLit('server'))],
      ['{ span:kind != client }', cmp(intr('kind'), '!=', kindLit('client'))],
      ['{ duration > 100ms }', cmp(intr('duration'), '>', dur(100_000_000))],
      ['{ span:duration <= 2s }', cmp(intr('duration'), '<=', dur(2_000_000_000))],
      ['{ statusMessage = "Forbidden" }', cmp(intr('statusMessage'), '=', str('Forbidden'))],
      ['{ span:statusMessage != "" }', cmp(intr('statusMessage'), '!=', str(''))],
      ['{ span:id = "0000000000000001" }', cmp(intr('spanId'), '=', str('0000000000000001'))],
      ['{ span:parentID = "0000000000000002" }', cmp(intr('parentSpanId'), '=', str('0000000000000002'))],
      ['{ trace:id = "1234" }', cmp(intr('traceId'), '=', str('1234'))],
      ['{ traceDuration > 5s }', cmp(intr('traceDuration'), '>', dur(5_000_000_000))],
      ['{ trace:duration > 5s }', cmp(intr('traceDuration'), '>', dur(5_000_000_000))],
      ['{ rootName = "GET /" }', cmp(intr('rootName'), '=', str('GET /'))],
      ['{ trace:rootName = "GET /" }', cmp(intr('rootName'), '=', str('GET /'))],
      ['{ rootServiceName = "gw" }', cmp(intr('rootService'), '=', str('gw'))],
      ['{ trace:rootService = "gw" }', cmp(intr('rootService'), '=', str('gw'))],
      ['{ trace:spanCount > 100 }', cmp(intr('spanCount'), '>', int(100))],
      ['{ trace:errorCount >= 1 }', cmp(intr('errorCount'), '>=', int(1))],
      ['{ instrumentation:name = "grpc" }', cmp(intr('scopeName'), '=', str('grpc'))],
      ['{ instrumentation:version = "1.0" }', cmp(intr('scopeVersion'), '=', str('1.0'))],
      ['{ span:traceState = "a=b" }', cmp(intr('traceState'), '=', str('a=b'))],
      ['{ resource.service.name = "checkout" }', cmp(intr('service'), '=', str('checkout'))],
      ['{ resource.service.name =~ "check.*" }', re(intr('service'), 'check.*')],
    ];
    for (const [q, expected] of cases) expect(where(q), q).toEqual(expected);
    expect(where('{ event:name = "exception" }')).toEqual(some('event', cmp(intr('eventName'), '=', str('exception'))));
  });

  it("reads Grafana's root-span test nestedSetParent < 0 as a span without a parent", () => {
    expect(where('{nestedSetParent<0}')).toEqual(exists(intr('parentSpanId'), true));
    expect(where('{ nestedSetParent<0 && true }')).toEqual(and(exists(intr('parentSpanId'), true), TRUE));
    expect(where('{ span:nestedSetParent = -1 }')).toEqual(exists(intr('parentSpanId'), true));
    expect(where('{ nestedSetParent >= 0 }')).toEqual(exists(intr('parentSpanId')));
    expect(where('{ nestedSetParent != -1 }')).toEqual(exists(intr('parentSpanId')));
  });

  it('keeps resource.service.name an attribute for nil and non-text comparisons', () => {
    expect(where('{ resource.service.name = nil }')).toEqual(exists(attr('resource', 'service.name'), true));
    expect(where('{ resource.service.name != nil }')).toEqual(exists(attr('resource', 'service.name')));
    expect(where('{ .service.name = "x" }')).toEqual(cmp(attr('unscoped', 'service.name'), '=', str('x')));
  });

  it('reads every operator, nil, !, parentheses, and a constant on the left', () => {
    const a = attr('span', 'a');
    expect(where('{ span.a = 1 }')).toEqual(cmp(a, '=', int(1)));
    expect(where('{ span.a != 1 }')).toEqual(cmp(a, '!=', int(1)));
    expect(where('{ span.a > 1 }')).toEqual(cmp(a, '>', int(1)));
    expect(where('{ span.a >= 1 }')).toEqual(cmp(a, '>=', int(1)));
    expect(where('{ span.a < 1 }')).toEqual(cmp(a, '<', int(1)));
    expect(where('{ span.a <= 1 }')).toEqual(cmp(a, '<=', int(1)));
    expect(where('{ span.a =~ "x.*" }')).toEqual(re(a, 'x.*'));
    expect(where('{ span.a !~ "x.*" }')).toEqual(re(a, 'x.*', 'whole', true));
    expect(where('{ span.a = nil }')).toEqual(exists(a, true));
    expect(where('{ span.a != nil }')).toEqual(exists(a));
    expect(where('{ 500 <= span.a }')).toEqual(cmp(a, '>=', int(500)));
    expect(where('{ !span.a = 1 }')).toEqual(not(cmp(a, '=', int(1))));
    expect(where('{ !(span.a = 1 || span.b = 2) }')).toEqual(not(or(cmp(a, '=', int(1)), cmp(attr('span', 'b'), '=', int(2)))));
    expect(where('{ span.cache_hit }')).toEqual(cmp(attr('span', 'cache_hit'), '=', bool(true)));
    expect(where('{ }')).toEqual(TRUE);
    expect(where('{ true }')).toEqual(TRUE);
    expect(where('{ false }')).toEqual({ kind: 'false' });
  });

  it('gives && and || one precedence, left to right, as Tempo does, and flattens runs', () => {
    const [x, y, z] = ['x', 'y', 'z'].map((k) => cmp(attr('span', k), '=', int(1)));
    expect(where('{ span.x = 1 || span.y = 1 && span.z = 1 }')).toEqual(and(or(x, y), z));
    expect(where('{ span.x = 1 || (span.y = 1 && span.z = 1) }')).toEqual(or(x, and(y, z)));
    expect(where('{ span.x = 1 && span.y = 1 && span.z = 1 }')).toEqual(and(x, y, z));
    expect(where('{ (span.x = 1 && span.y = 1) && span.z = 1 }')).toEqual(and(x, y, z));
  });

  it('reads every literal: strings with escapes and backticks, ints, floats, durations, booleans, words', () => {
    const a = attr('span', 'a');
    expect(where('{ span.a = "tab\\there \\"q\\" \\\\ \\u00e9 \\x41 \\101" }')).toEqual(cmp(a, '=', str('tab\there "q" \\ é A A')));
    expect(where('{ span.a = `raw \\n "x"` }')).toEqual(cmp(a, '=', str('raw \\n "x"')));
    expect(where('{ span.a = -42 }')).toEqual(cmp(a, '=', int(-42)));
    expect(where('{ span.a = 9223372036854775807 }')).toEqual(cmp(a, '=', int(9223372036854775807n)));
    expect(where('{ span.a = minInt }')).toEqual(cmp(a, '=', int(-9223372036854775808n)));
    expect(where('{ span.a > 1.5 }')).toEqual(cmp(a, '>', dbl(1.5)));
    expect(where('{ span.a > .5 }')).toEqual(cmp(a, '>', dbl(0.5)));
    expect(where('{ span.a > -2.5e3 }')).toEqual(cmp(a, '>', dbl(-2500)));
    expect(where('{ span.a = true && span.b = false }')).toEqual(and(cmp(a, '=', bool(true)), cmp(attr('span', 'b'), '=', bool(false))));
    const d = (text: string) => {
      const w = where(`{ duration > ${text} }`);
      return w.kind === 'compare' ? w.value : undefined;
    };
    expect(d('1.5s')).toEqual(dur(1_500_000_000));
    expect(d('10ns')).toEqual(dur(10));
    expect(d('7us')).toEqual(dur(7_000));
    expect(d('7µs')).toEqual(dur(7_000));
    expect(d('3ms')).toEqual(dur(3_000_000));
    expect(d('2m')).toEqual(dur(120_000_000_000));
    expect(d('1h30m')).toEqual(dur(5_400_000_000_000));
    expect(d('0.5h')).toEqual(dur(1_800_000_000_000));
    for (const k of ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const) {
      expect(where(`{ kind = ${k} }`)).toEqual(cmp(intr('kind'), '=', kindLit(k)));
    }
  });
});

describe('parseTraceQL: spanset operators and pipelines', () => {
  const A = spans(cmp(attr('span', 'a'), '=', int(1)));
  const B = spans(cmp(attr('span', 'b'), '=', int(2)));
  const C = spans(cmp(attr('span', 'c'), '=', int(3)));

  it('reads every spanset operator', () => {
    expect(parsed('{ span.a = 1 } && { span.b = 2 }')).toEqual(combine('&&', A, B));
    expect(parsed('{ span.a = 1 } || { span.b = 2 }')).toEqual(combine('||', A, B));
    for (const op of ['>', '>>', '<', '<<', '~'] as const) expect(parsed(`{ span.a = 1 } ${op} { span.b = 2 }`), op).toEqual(structural(op, A, B));
  });

  it('binds structural operators tighter than && and ||, left to right, and honours parentheses', () => {
    expect(parsed('{ span.a = 1 } > { span.b = 2 } && { span.c = 3 }')).toEqual(combine('&&', structural('>', A, B), C));
    expect(parsed('{ span.a = 1 } && { span.b = 2 } >> { span.c = 3 }')).toEqual(combine('&&', A, structural('>>', B, C)));
    expect(parsed('{ span.a = 1 } >> { span.b = 2 } ~ { span.c = 3 }')).toEqual(structural('~', structural('>>', A, B), C));
    expect(parsed('{ span.a = 1 } >> ({ span.b = 2 } ~ { span.c = 3 })')).toEqual(structural('>>', A, structural('~', B, C)));
    expect(parsed('{ span.a = 1 } || { span.b = 2 } && { span.c = 3 }')).toEqual(combine('&&', combine('||', A, B), C));
  });

  it('reads pipelines: aggregates, select, filters, and a leading aggregate', () => {
    expect(parsed('{ span.a = 1 } | count() > 20')).toEqual(pipeline(A, { kind: 'aggregate', fn: 'count', op: '>', value: int(20) }));
    expect(parsed('{ } | avg(duration) > 1s')).toEqual(pipeline(spans(TRUE), { kind: 'aggregate', fn: 'avg', operand: intr('duration'), op: '>', value: dur(1e9) }));
    for (const fn of ['min', 'max', 'sum'] as const) {
      expect(parsed(`{ } | ${fn}(span.bytes) >= 1000`), fn).toEqual(pipeline(spans(TRUE), { kind: 'aggregate', fn, operand: attr('span', 'bytes'), op: '>=', value: int(1000) }));
    }
    expect(parsed('count() > 10')).toEqual(pipeline(spans(TRUE), { kind: 'aggregate', fn: 'count', op: '>', value: int(10) }));
    expect(parsed('{ status = error } | select(span.http.url, resource.host.name, span:duration)')).toEqual(
      pipeline(spans(cmp(intr('status'), '=', statusLit('error'))), { kind: 'select', operands: [attr('span', 'http.url'), attr('resource', 'host.name'), intr('duration')] }),
    );
    expect(parsed('{ span.a = 1 } | count() > 2 | { span.b = 2 }')).toEqual(
      pipeline(A, { kind: 'aggregate', fn: 'count', op: '>', value: int(2) }, { kind: 'filter', where: cmp(attr('span', 'b'), '=', int(2)) }),
    );
    expect(parsed('({ span.a = 1 } | count() > 2) && { span.b = 2 }')).toEqual(combine('&&', pipeline(A, { kind: 'aggregate', fn: 'count', op: '>', value: int(2) }), B));
    expect(parsed('{ span.a = 1 } && { span.b = 2 } | count() > 1')).toEqual(pipeline(combine('&&', A, B), { kind: 'aggregate', fn: 'count', op: '>', value: int(1) }));
  });
});

describe('parseTraceQL: refusals name the construct and point at it', () => {
  // [query, message (a part of it), the text the position covers]
  const refusals: [string, string, string][] = [
    ['', 'empty query', ''],
    ['{ .a = 1 } | by(resource.service.name)', 'by() is not supported', 'by'],
    ['{ .a = 1 } | coalesce()', 'coalesce() is not supported', 'coalesce'],
    ['{ } | rate()', 'rate() is not supported', 'rate'],
    ['{ } | quantile_over_time(duration, .9)', 'quantile_over_time() is not supported', 'quantile_over_time'],
    ['{ .a = 1 } !> { .b = 1 }', 'not-child operator !>', '!>'],
    ['{ .a = 1 } !< { .b = 1 }', 'not-parent operator !<', '!<'],
    ['{ .a = 1 } !>> { .b = 1 }', 'not-descendant operator !>>', '!>>'],
    ['{ .a = 1 } !<< { .b = 1 }', 'not-ancestor operator !<<', '!<<'],
    ['{ .a = 1 } !~ { .b = 1 }', 'not-sibling operator !~', '!~'],
    ['{ .a = 1 } &> { .b = 1 }', 'union-child operator &>', '&>'],
    ['{ .a = 1 } &>> { .b = 1 }', 'union-descendant operator &>>', '&>>'],
    ['{ .a = 1 } &~ { .b = 1 }', 'union-sibling operator &~', '&~'],
    ['{ parent.http.method = "GET" }', 'parent. scope is not supported', 'parent.'],
    ['{ span.a + 1 > 2 }', 'arithmetic is not supported', '+'],
    ['{ span.a > 10 * 1024 }', 'arithmetic is not supported', '*'],
    ['{ span.a = span.b }', 'comparing two fields', 'span.a = span.b'],
    ['{ nestedSetParent > 5 }', 'nestedSetParent is supported only as a root test', 'nestedSetParent > 5'],
    ['{ nestedSetLeft > 5 }', 'nestedSetLeft is not supported', 'nestedSetLeft'],
    ['{ span:childCount > 1 }', 'span:childCount is not supported', 'span:childCount'],
    ['{ event:timeSinceStart > 2ms }', 'event:timeSinceStart is not supported', 'event:timeSinceStart'],
    ['{ trace:foo = 1 }', 'unknown intrinsic trace:foo', 'trace:foo'],
    ['{ foo = 1 }', 'unknown field foo', 'foo'],
    ['{ http.method = "GET" }', 'unknown attribute scope http.', 'http.'],
    ['{ duration > 100 }', 'span:duration is a duration', 'duration > 100'],
    ['{ duration > "1s" }', 'span:duration is a duration', 'duration > "1s"'],
    ['{ status = "error" }', 'compares with a status word', 'status = "error"'],
    ['{ kind = error }', 'compares with a kind word', 'kind = error'],
    ['{ kind > server }', 'span kinds have no order', 'kind > server'],
    ['{ span.a = server }', 'compares only with span:kind', 'span.a = server'],
    ['{ span.a = 1s }', 'a duration constant', 'span.a = 1s'],
    ['{ name > nil }', 'nil compares only with = or !=', '>'],
    ['{ name =~ 1 }', '=~ needs a string pattern', '1'],
    ['{ span.a =~ "(?=x)" }', 'lookaround', '"(?=x)"'],
    ['{ span.a =~ "(a)\\\\1" }', 'backreferences', '"(a)\\\\1"'],
    ['{ duration =~ "1.*" }', 'not text', 'duration =~ "1.*"'],
    ['{ span.a = "abc }', 'unterminated string', '"abc }'],
    ['{ span.a = "\\q" }', 'invalid escape \\q', '\\q'],
    ['{ span."a b = 1 }', 'unterminated quoted attribute name', '"a b = 1 }'],
    ['{ duration > 5d }', 'invalid duration 5d', '5d'],
    ['{ span.a = 1 ', 'missing }', '{'],
    ['{ span.a = 1 } | count()', 'compare count() with a constant', 'count()'],
    ['{ } | count(duration) > 1', 'count() takes no argument', 'duration'],
    ['{ } | avg() > 1', 'avg() needs a field', ')'],
    ['{ } | avg(duration) > 1', 'is a duration', 'avg(duration) > 1'],
    ['{ } | sum(name) > 1', 'needs a numeric or duration field', 'sum(name) > 1'],
    ['{ } | { .a = 1 } && { .b = 2 }', 'one { … } filter', '&&'],
    ['{ .a = 1 } | count() > 1 && { .b = 2 }', 'must be in parentheses', '&&'],
    ['{ .a = 1 } with (most_recent=true)', 'query hints', 'with'],
    ['span.a = 1', 'conditions go inside a spanset filter', 'span.a'],
    ['{ { .a = 1 } }', 'cannot be nested', '{'],
    ['{ .a = 1 } $', 'unexpected character "$"', '$'],
    ['{ span.a = 99999999999999999999 }', 'out of the 64-bit range', '99999999999999999999'],
  ];
  it.each(refusals)('%s', (q, message, covered) => {
    const r = parseTraceQL(q);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toContain(message);
    expect(r.error.position).toBeDefined();
    expect(q.slice(r.error.position!.start, r.error.position!.end)).toBe(covered);
  });

  it('refuses what exceeds the limits', () => {
    const long = `{ span.a = "${'x'.repeat(FILTER_LIMITS.maxQueryLength)}" }`;
    const r1 = parseTraceQL(long);
    expect(r1.ok ? undefined : r1.error.message).toContain(`longer than ${FILTER_LIMITS.maxQueryLength}`);
    const deep = `{ ${'('.repeat(FILTER_LIMITS.maxDepth + 1)}span.a = 1${')'.repeat(FILTER_LIMITS.maxDepth + 1)} }`;
    const r2 = parseTraceQL(deep);
    expect(r2.ok ? undefined : r2.error.message).toContain('nested deeper');
    const many = `{ ${Array.from({ length: FILTER_LIMITS.maxLeaves + 1 }, (_, i) => `span.a = ${i}`).join(' || ')} }`;
    const r3 = parseTraceQL(many);
    expect(r3.ok ? undefined : r3.error.message).toContain(`more than ${FILTER_LIMITS.maxLeaves} conditions`);
    const longRegex = `{ span.a =~ "${'a'.repeat(FILTER_LIMITS.maxRegexLength + 1)}" }`;
    const r4 = parseTraceQL(longRegex);
    expect(r4.ok ? undefined : r4.error.message).toContain('regular expression longer than');
  });

  it('accepts what fits the limits exactly', () => {
    const many = `{ ${Array.from({ length: FILTER_LIMITS.maxLeaves }, (_, i) => `span.a = ${i}`).join(' || ')} }`;
    expect(parseTraceQL(many).ok).toBe(true);
    expect(filterOf(parsed('{ span.a = 1 }'))).toEqual({ root: spans(cmp(attr('span', 'a'), '=', int(1))) });
  });
});
