import { describe, expect, it } from 'vitest';
import { formatTraceQL } from './format-traceql';
import { filterFromTraceQuery } from './from-trace-query';
import { parseRfc0005 } from './parse-rfc0005';
import { parseTraceQL } from './parse-traceql';
import { and, attr, cmp, dbl, dur, exists, filterOf, inList, int, intr, not, re, some, spans, str, untyped } from './testing/build-filter';

const parse = (q: string) => {
  const r = parseTraceQL(q);
  if (!r.ok) throw new Error(`${q}: ${r.error.message}`);
  return r.filter;
};

// every construct of the subset, in the forms people write them
const QUERIES = [
  '{ }',
  '{ true }',
  '{ false }',
  '{ span.http.method = "GET" }',
  '{ resource.deployment.environment = "prod" && span.http.status_code >= 500 && span.http.status_code != 503 }',
  '{ instrumentation.lang = "go" || scope.lang = "java" }',
  '{ .http.route =~ "/api/orders/.*" }',
  '{ span.a !~ "x|y" }',
  '{ span."attribute name with space" = "v" && span.attribute."a \\"q\\"" = 1 }',
  '{ event.exception.message =~ ".*timeout.*" }',
  '{ event:name = "exception" && event.exception.type = "IOError" && span.a = 1 }',
  '{ event.a = 1 || event.b = 2 }',
  '{ link.opentracing.ref_type = "child_of" && event.a = 1 && link.b = 2 }',
  '{ !(event.a = 1) && span.x = nil }',
  '{ name = "GET /" && status = error && kind = server && duration > 1.5s && statusMessage != "" }',
  '{ span:id = "0000000000000001" || span:parentID = "0000000000000002" || trace:id = "1234" }',
  '{ traceDuration > 5s && rootName = "GET /" && rootServiceName = "gw" }',
  '{ trace:spanCount > 100 && trace:errorCount >= 1 && instrumentation:name = "grpc" && instrumentation:version = "1.0" }',
  '{ span:traceState = "a=b" }',
  '{ nestedSetParent < 0 } >> { nestedSetParent >= 0 }',
  '{ resource.service.name = "checkout" && resource.service.name =~ "check.*" && resource.service.name != nil }',
  '{ span.a = nil || span.b != nil }',
  '{ 500 <= span.code }',
  '{ !span.a = 1 }',
  '{ !(span.a = 1 || span.b = 2) }',
  '{ !!(span.a = 1) }',
  '{ span.cache_hit }',
  '{ span.x = 1 || span.y = 1 && span.z = 1 }',
  '{ span.x = 1 || (span.y = 1 && span.z = 1) }',
  '{ (span.x = 1 || span.y = 1) && (span.z = 1 || span.w = 1) }',
  '{ span.a = "tab\\there \\"q\\" \\\\ \\u00e9 \\u0001" }',
  '{ span.a = `raw \\n "x"` }',
  '{ span.a = -42 && span.b = 9223372036854775807 && span.c = minInt && span.d = maxInt }',
  '{ span.a > 1.5 && span.b > .5 && span.c > -2.5e3 && span.d = 2.0 && span.e = 1e21 }',
  '{ span.a = true && span.b = false }',
  '{ duration > 10ns && duration < 7us && duration != 7µs && duration >= 3ms && duration <= 2m && duration > 1h30m && duration > 0.5h && duration > 1.0000005s }',
  '{ kind = unspecified || kind = internal || kind = client || kind = producer || kind = consumer }',
  '{ status = ok || status = unset }',
  '{ span.a = 1 } && { span.b = 2 }',
  '{ span.a = 1 } || { span.b = 2 }',
  '{ span.a = 1 } > { span.b = 2 }',
  '{ span.a = 1 } >> { span.b = 2 }',
  '{ span.a = 1 } < { span.b = 2 }',
  '{ span.a = 1 } << { span.b = 2 }',
  '{ span.a = 1 } ~ { span.b = 2 }',
  '{ span.a = 1 } > { span.b = 2 } && { span.c = 3 }',
  '{ span.a = 1 } && { span.b = 2 } >> { span.c = 3 }',
  '{ span.a = 1 } >> { span.b = 2 } ~ { span.c = 3 }',
  '{ span.a = 1 } >> ({ span.b = 2 } ~ { span.c = 3 })',
  '{ span.a = 1 } || { span.b = 2 } && { span.c = 3 }',
  '{ span.a = 1 } || ({ span.b = 2 } && { span.c = 3 })',
  '({ span.a = 1 } || { span.b = 2 }) > { span.c = 3 }',
  '{ span.a = 1 } | count() > 20',
  '{ } | avg(duration) > 1s',
  '{ } | min(span.bytes) >= 1000 | max(span.bytes) < 2.5 | sum(trace:spanCount) = 3',
  'count() > 10',
  'avg(duration) > 20ms',
  '{ status = error } | select(span.http.url, resource.host.name, span:duration)',
  '{ span.a = 1 } | count() > 2 | { span.b = 2 }',
  '{ span.a = 1 } | { }',
  '({ span.a = 1 } | count() > 2) && { span.b = 2 }',
  '{ span.a = 1 } && ({ span.b = 2 } | count() > 2)',
  '({ span.a = 1 } | count() > 2) | select(span.a)',
  '{ span.a = 1 } && { span.b = 2 } | count() > 1',
  '({ span.a = 1 } | count() > 2) >> ({ span.b = 2 } | avg(duration) > 1s)',
  '{ resource.service.name = "checkout" } >> { span.db.system = "postgresql" } | count() > 20',
];

describe('formatTraceQL', () => {
  it.each(QUERIES)('round-trips %s', (q) => {
    const f = parse(q);
    const text = formatTraceQL(f);
    expect(parse(text), text).toEqual(f);
  });

  it('writes canonical text', () => {
    expect(formatTraceQL(parse('{ name="a"&&status=error } >> {kind = server}'))).toBe('{ span:name = "a" && span:status = error } >> { span:kind = server }');
    expect(formatTraceQL(parse('{ span.x = 1 || span.y = 1 && span.z = 1 }'))).toBe('{ (span.x = 1 || span.y = 1) && span.z = 1 }');
    expect(formatTraceQL(parse('{ duration > 1.5s && duration < 90m }'))).toBe('{ span:duration > 1500ms && span:duration < 90m }');
    expect(formatTraceQL(parse('{ resource.service.name = "a" && .b = 2.0 && instrumentation.c = 1 }'))).toBe('{ resource.service.name = "a" && .b = 2.0 && instrumentation.c = 1 }');
    expect(formatTraceQL(parse('{ span."a b" = nil }'))).toBe('{ span."a b" = nil }');
    expect(formatTraceQL(parse('{ } | count() > 2'))).toBe('{ } | count() > 2');
  });

  it('writes the other doors’ untyped constants, in-lists and anywhere-regexes as their TraceQL equivalents', () => {
    const other = filterOf(spans(and(cmp(attr('unscoped', 'code'), '=', untyped('500')), inList(attr('span', 'm'), [str('GET'), str('PUT')], true), re(attr('span', 'u'), '/api', 'anywhere'))));
    const text = formatTraceQL(other);
    expect(text).toBe('{ (.code = "500" || .code = 500 || .code = 500.0) && span.m != nil && !(span.m = "GET" || span.m = "PUT") && span.u =~ "(?s:.*)(?:/api)(?s:.*)" }');
    expect(parseTraceQL(text).ok).toBe(true);
    expect(formatTraceQL(filterOf(spans(cmp(attr('span', 'f'), '!=', untyped('true')))))).toBe('{ span.f != nil && !(span.f = "true" || span.f = true) }');
    expect(formatTraceQL(filterOf(spans(cmp(attr('span', 'f'), '!=', untyped('x')))))).toBe('{ span.f != "x" }');
    expect(formatTraceQL(filterOf(spans(cmp(attr('span', 'n'), '>', untyped('5')))))).toBe('{ span.n > "5" || span.n > 5 || span.n > 5.0 }');
    expect(formatTraceQL(filterOf(spans(cmp(attr('span', 'd'), '=', dbl(3)))))).toBe('{ span.d = 3.0 }');
  });

  it('writes what the search form asks as a query that parses', () => {
    const f = filterFromTraceQuery({ serviceName: 'cart', operationName: 'GET', durationMinNs: 2_000_000n, tags: [{ key: 'http.status_code', value: '200' }, { key: 'error', value: 'true' }], rootServiceName: 'gw' });
    const text = formatTraceQL(f);
    expect(text).toBe(
      '{ resource.service.name = "cart" && span:name = "GET" && span:duration >= 2ms && (span.http.status_code = "200" || span.http.status_code = 200 || span.http.status_code = 200.0 || resource.http.status_code = "200" || resource.http.status_code = 200 || resource.http.status_code = 200.0 || instrumentation.http.status_code = "200" || instrumentation.http.status_code = 200 || instrumentation.http.status_code = 200.0 || event.http.status_code = "200" || event.http.status_code = 200 || event.http.status_code = 200.0 || link.http.status_code = "200" || link.http.status_code = 200 || link.http.status_code = 200.0) && (span:status = error || span.error = true) && trace:rootService = "gw" }',
    );
    expect(parseTraceQL(text).ok).toBe(true);
  });

  it('writes RFC 0005 filters that TraceQL can say, and refuses the two it cannot', () => {
    const rfc = parseRfc0005({ op: 'and', args: [{ call: { op: 'gt', args: [{ field: { name: 'duration', level: 'span' } }, { scalar: { value: '2s' } }] } }, { call: { op: 'exists', args: [{ attr: { key: 'x', level: 'event' } }] } }] });
    expect(rfc.ok && formatTraceQL(rfc.filter)).toBe('{ span:duration > 2s && event.x != nil }');
    expect(() => formatTraceQL(filterOf(spans(some('event', not(exists(attr('event', 'x')))))))).toThrow(/negation inside one event/);
    expect(() => formatTraceQL(filterOf(spans(and(some('event', cmp(attr('event', 'a'), '=', int(1))), some('event', cmp(attr('event', 'b'), '=', int(1)))))))).toThrow(/two separate events/);
    expect(formatTraceQL(filterOf(spans(cmp(intr('duration'), '>', dur(-5_000_000_000)))))).toBe('{ span:duration > -5s }');
  });
});
