import { describe, expect, it } from 'vitest';
import { filterFromTraceQuery, type LegacyTraceQuery } from './from-trace-query';
import { validateFilter } from './validate-filter';
import { and, attr, bool, cmp, dur, intr, kindLit, or, some, spans, statusLit, str, TRUE, untyped } from './testing/build-filter';

const q = (over: Partial<LegacyTraceQuery>): LegacyTraceQuery => ({ tags: [], ...over });
const whereOf = (over: Partial<LegacyTraceQuery>) => {
  const f = filterFromTraceQuery(q(over));
  expect(validateFilter(f)).toBeUndefined();
  return f.root.kind === 'spans' ? f.root.where : undefined;
};
const tag = (key: string, value: string) => whereOf({ tags: [{ key, value }] });

describe('filterFromTraceQuery', () => {
  it('is every span when nothing is asked', () => {
    expect(filterFromTraceQuery(q({}))).toEqual({ root: spans(TRUE) });
    expect(whereOf({ operationName: '' })).toEqual(TRUE);
  });

  it('puts every criterion on one span, trace-level ones as trace intrinsics', () => {
    expect(
      whereOf({
        serviceName: 'checkout',
        operationName: 'GET /cart',
        durationMinNs: 1_000n,
        durationMaxNs: 9_000n,
        traceDurationMinNs: 5n,
        traceDurationMaxNs: 50n,
        rootServiceName: 'gateway',
        rootOperationName: 'GET /',
        tags: [{ key: 'http.status_code', value: '500' }],
      }),
    ).toEqual(
      and(
        cmp(intr('service'), '=', str('checkout')),
        cmp(intr('name'), '=', str('GET /cart')),
        cmp(intr('duration'), '>=', dur(1_000)),
        cmp(intr('duration'), '<=', dur(9_000)),
        or(
          cmp(attr('span', 'http.status_code'), '=', untyped('500')),
          cmp(attr('resource', 'http.status_code'), '=', untyped('500')),
          cmp(attr('scope', 'http.status_code'), '=', untyped('500')),
          some('event', cmp(attr('event', 'http.status_code'), '=', untyped('500'))),
          some('link', cmp(attr('link', 'http.status_code'), '=', untyped('500'))),
        ),
        cmp(intr('traceDuration'), '>=', dur(5)),
        cmp(intr('traceDuration'), '<=', dur(50)),
        cmp(intr('rootService'), '=', str('gateway')),
        cmp(intr('rootName'), '=', str('GET /')),
      ),
    );
  });

  it('turns the tags that carry OTLP fields into those fields', () => {
    expect(tag('error', 'true')).toEqual(or(cmp(intr('status'), '=', statusLit('error')), cmp(attr('span', 'error'), '=', bool(true))));
    expect(tag('error', 'TRUE')).toEqual(or(cmp(intr('status'), '=', statusLit('error')), cmp(attr('span', 'error'), '=', bool(true))));
    expect(tag('error', 'false')).toEqual(cmp(intr('status'), '!=', statusLit('error')));
    expect(tag('span.kind', 'server')).toEqual(cmp(intr('kind'), '=', kindLit('server')));
    expect(tag('span.kind', 'CLIENT')).toEqual(cmp(intr('kind'), '=', kindLit('client')));
    expect(tag('span.kind', 'sideways')).toEqual({ kind: 'false' });
    expect(tag('otel.status_code', 'ERROR')).toEqual(cmp(intr('status'), '=', statusLit('error')));
    expect(tag('span.status', 'STATUS_CODE_OK')).toEqual(cmp(intr('status'), '=', statusLit('ok')));
    expect(tag('otel.status_code', 'broken')).toEqual({ kind: 'false' });
    expect(tag('otel.status_description', 'Forbidden')).toEqual(cmp(intr('statusMessage'), '=', str('Forbidden')));
    expect(tag('w3c.tracestate', 'k=v')).toEqual(cmp(intr('traceState'), '=', str('k=v')));
    expect(tag('otel.scope.name', 'io.grpc')).toEqual(cmp(intr('scopeName'), '=', str('io.grpc')));
    expect(tag('scope.name', 'io.grpc')).toEqual(cmp(intr('scopeName'), '=', str('io.grpc')));
    expect(tag('otel.scope.version', '1.2')).toEqual(cmp(intr('scopeVersion'), '=', str('1.2')));
    expect(tag('scope.version', '1.2')).toEqual(cmp(intr('scopeVersion'), '=', str('1.2')));
    expect(tag('resource.host.name', 'h1')).toEqual(cmp(attr('resource', 'host.name'), '=', untyped('h1')));
  });

  it('keeps an error tag with another value a plain tag', () => {
    const w = tag('error', 'timeout');
    expect(w).toMatchObject({ kind: 'or' });
    expect(w && w.kind === 'or' ? w.args[0] : undefined).toEqual(cmp(attr('span', 'error'), '=', untyped('timeout')));
  });

  it('also finds the event tag as an event name', () => {
    const w = tag('event', 'exception');
    expect(w && w.kind === 'or' ? w.args.at(-1) : undefined).toEqual(some('event', cmp(intr('eventName'), '=', str('exception'))));
    expect(w && w.kind === 'or' ? w.args.length : 0).toBe(6);
  });
});
