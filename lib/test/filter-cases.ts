import type { AttributeScope, CompareOp, Intrinsic, Literal, Operand, Spanset, SpanCondition, TraceFilter } from '@/lib/filter/filter-ast';

// The query table of the filter engine's test (lib/traces/search-filtered-traces.int.test.ts),
// over the fixture of lib/test/filter-fixture.ts: each query as a TraceFilter (the executor's
// own input), as TraceQL text, as RFC 0005 JSON and as Jaeger tag parameters where those can
// say it, with the fixture traces it must return, exactly.

export type Services = { shop: string; pay: string; db: string; edge: string };

export type FilterCase = {
  name: string;
  ast: TraceFilter;
  traceql?: string;
  /** RFC 0005 `Call` (what `query.filter` carries) */
  rfc?: unknown;
  /** Jaeger parameters: api_v3 query.* without the window (service optional) */
  jaeger?: { service?: string; operation?: string; tags?: Record<string, string>; durationMin?: string };
  expect: string[];
};

// ── AST builders ──
const attr = (scope: AttributeScope, key: string): Operand => ({ kind: 'attribute', scope, key });
const sp = (key: string) => attr('span', key);
const I = (name: Intrinsic): Operand => ({ kind: 'intrinsic', name });
const str = (value: string): Literal => ({ type: 'string', value });
const int = (value: number): Literal => ({ type: 'int', value: BigInt(value) });
const dbl = (value: number): Literal => ({ type: 'double', value });
const ms = (n: number): Literal => ({ type: 'duration', value: BigInt(n) * 1_000_000n });
const untyped = (value: string): Literal => ({ type: 'untyped', value });
const cmp = (operand: Operand, op: CompareOp, value: Literal): SpanCondition => ({ kind: 'compare', operand, op, value });
const eq = (operand: Operand, value: Literal) => cmp(operand, '=', value);
const re = (operand: Operand, pattern: string, mode: 'whole' | 'anywhere' = 'whole', negated = false): SpanCondition => ({ kind: 'regex', operand, pattern, mode, negated });
const exists = (operand: Operand, negated = false): SpanCondition => ({ kind: 'exists', operand, negated });
const inList = (operand: Operand, values: Literal[], negated = false): SpanCondition => ({ kind: 'in', operand, values, negated });
const and = (...args: SpanCondition[]): SpanCondition => ({ kind: 'and', args });
const or = (...args: SpanCondition[]): SpanCondition => ({ kind: 'or', args });
const not = (arg: SpanCondition): SpanCondition => ({ kind: 'not', arg });
const some = (over: 'event' | 'link', where: SpanCondition): SpanCondition => ({ kind: 'some', over, where });
const S = (where: SpanCondition): Spanset => ({ kind: 'spans', where });
const SPANSET_KINDS = ['spans', 'combine', 'structural', 'pipeline'];
const F = (root: Spanset | SpanCondition): TraceFilter => ({ root: SPANSET_KINDS.includes(root.kind) ? (root as Spanset) : S(root as SpanCondition) });
const struct = (op: '>' | '>>' | '<' | '<<' | '~', left: Spanset, right: Spanset): Spanset => ({ kind: 'structural', op, left, right });
const comb = (op: '&&' | '||', left: Spanset, right: Spanset): Spanset => ({ kind: 'combine', op, left, right });
const agg = (source: Spanset, fn: 'count' | 'avg' | 'min' | 'max' | 'sum', op: CompareOp, value: Literal, operand?: Operand): Spanset => ({
  kind: 'pipeline', source, stages: [{ kind: 'aggregate', fn, op, value, ...(operand && { operand }) }],
});

// ── RFC 0005 builders ──
const ra = (key: string, level?: string) => ({ attr: { key, ...(level && { level }) } });
const rf = (name: string, level = 'span') => ({ field: { name, level } });
const rs = (value: string, type?: string) => ({ scalar: { value, ...(type && { type }) } });
const rc = (op: string, ...args: unknown[]) => ({ call: { op, args } });
const top = (op: string, ...args: unknown[]) => ({ op, args });

export const filterCases = (svc: Services, ids: { trace: (key: string) => string; span: (trace: string, id: string) => string }): FilterCase[] => [
  // ── typed numeric comparison ──
  { name: 'int >= 500 (strings never compare as numbers)', ast: F(cmp(sp('http.status_code'), '>=', int(500))), traceql: '{ span.http.status_code >= 500 }',
    rfc: top('gte', ra('http.status_code', 'span'), rs('500', 'int')), expect: ['checkout-slow-failed', 'health-503'] },
  { name: '>= 500 but not 503, one span', ast: F(and(cmp(sp('http.status_code'), '>=', int(500)), cmp(sp('http.status_code'), '!=', int(503)))),
    traceql: '{ span.http.status_code >= 500 && span.http.status_code != 503 }',
    rfc: top('and', rc('gte', ra('http.status_code', 'span'), rs('500', 'int')), rc('ne', ra('http.status_code', 'span'), rs('503', 'int'))), expect: ['checkout-slow-failed'] },
  { name: 'typed int = 500 (not the string "500")', ast: F(eq(sp('http.status_code'), int(500))), traceql: '{ span.http.status_code = 500 }',
    rfc: top('eq', ra('http.status_code', 'span'), rs('500', 'int')), expect: ['checkout-slow-failed'] },
  { name: 'typed string = "500"', ast: F(eq(sp('http.status_code'), str('500'))), traceql: '{ span.http.status_code = "500" }',
    rfc: top('eq', ra('http.status_code', 'span'), rs('500', 'string')), expect: ['legacy-string-500'] },
  { name: 'untyped 500 matches int and string', ast: F(eq(sp('http.status_code'), untyped('500'))),
    rfc: top('eq', ra('http.status_code', 'span'), rs('500')), jaeger: { tags: { 'http.status_code': '500' } }, expect: ['checkout-slow-failed', 'legacy-string-500'] },
  { name: '< 250 (the string "60" is no number)', ast: F(cmp(sp('http.status_code'), '<', int(250))), traceql: '{ span.http.status_code < 250 }',
    rfc: top('lt', ra('http.status_code', 'span'), rs('250', 'int')), expect: ['checkout-ok', 'ok-status-bool'] },
  { name: 'int attribute against a double constant', ast: F(cmp(sp('http.status_code'), '>', dbl(199.5))), traceql: '{ span.http.status_code > 199.5 }',
    rfc: top('gt', ra('http.status_code', 'span'), rs('199.5', 'double')), expect: ['checkout-ok', 'checkout-slow-failed', 'health-503', 'ok-status-bool'] },
  { name: 'double attribute against an int constant', ast: F(cmp(sp('amount'), '>', int(50))), traceql: '{ span.amount > 50 }',
    rfc: top('gt', ra('amount', 'span'), rs('50', 'int')), expect: ['checkout-slow-failed'] },
  { name: 'double <=', ast: F(cmp(sp('amount'), '<=', dbl(12.5))), traceql: '{ span.amount <= 12.5 }',
    rfc: top('lte', ra('amount', 'span'), rs('12.5', 'double')), expect: ['checkout-ok'] },
  { name: 'string ordering', ast: F(cmp(sp('user.tier'), '>', str('h'))), traceql: '{ span.user.tier > "h" }', expect: ['unscoped-span-region'] },
  { name: 'bool', ast: F(eq(sp('cache.hit'), { type: 'bool', value: true })), traceql: '{ span.cache.hit = true }',
    rfc: top('eq', ra('cache.hit', 'span'), rs('true', 'bool')), jaeger: { tags: { 'cache.hit': 'true' } }, expect: ['ok-status-bool'] },
  // ── regex ──
  { name: 'regex anchored to the whole value (TraceQL)', ast: F(re(sp('http.route'), '/api/orders/.*')), traceql: '{ span.http.route =~ "/api/orders/.*" }', expect: ['checkout-ok', 'checkout-slow-failed'] },
  { name: 'regex that only matches part of the value (TraceQL: no)', ast: F(re(sp('http.route'), 'orders')), traceql: '{ span.http.route =~ "orders" }', expect: [] },
  { name: 'regex anywhere (RFC 0005)', ast: F(re(sp('http.route'), 'orders', 'anywhere')), rfc: top('regex', ra('http.route', 'span'), rs('orders')),
    expect: ['checkout-ok', 'checkout-slow-failed', 'legacy-string-500'] },
  { name: 'regex non-match is false where absent', ast: F(re(sp('http.route'), '/api/.*', 'whole', true)), traceql: '{ span.http.route !~ "/api/.*" }', expect: ['health-503', 'legacy-string-500'] },
  // ── existence and absence ──
  { name: 'exists', ast: F(exists(sp('db.statement'))), traceql: '{ span.db.statement != nil }', rfc: top('exists', ra('db.statement', 'span')), expect: ['checkout-ok'] },
  { name: 'absent', ast: F(and(eq(I('service'), str(svc.edge)), exists(sp('http.route'), true))), traceql: `{ resource.service.name = "${svc.edge}" && span.http.route = nil }`,
    rfc: top('and', rc('eq', rf('service', 'resource'), rs(svc.edge)), rc('not', rc('exists', ra('http.route', 'span')))),
    expect: ['legacy-string-60', 'fanout-siblings', 'unscoped-span-region', 'ok-status-bool'] },
  { name: 'not flips an absent comparison', ast: F(and(eq(I('service'), str(svc.shop)), not(eq(sp('http.status_code'), int(500))))),
    traceql: `{ resource.service.name = "${svc.shop}" && !(span.http.status_code = 500) }`,
    rfc: top('and', rc('eq', rf('service', 'resource'), rs(svc.shop)), rc('not', rc('eq', ra('http.status_code', 'span'), rs('500', 'int')))),
    expect: ['checkout-ok', 'health-503', 'batch-25'] },
  { name: '!= is false where absent', ast: F(and(eq(I('service'), str(svc.shop)), cmp(sp('http.status_code'), '!=', int(500)))),
    traceql: `{ resource.service.name = "${svc.shop}" && span.http.status_code != 500 }`,
    rfc: top('and', rc('eq', rf('service', 'resource'), rs(svc.shop)), rc('ne', ra('http.status_code', 'span'), rs('500', 'int'))), expect: ['checkout-ok', 'health-503'] },
  { name: 'in', ast: F(inList(sp('http.status_code'), [int(200), int(204)])), traceql: '{ span.http.status_code = 200 || span.http.status_code = 204 }',
    rfc: top('in', ra('http.status_code', 'span'), { list: { values: ['200', '204'], type: 'int' } }), expect: ['checkout-ok', 'ok-status-bool'] },
  { name: 'not in is false where absent', ast: F(inList(sp('http.status_code'), [int(200), int(204)], true)), traceql: '{ span.http.status_code != 200 && span.http.status_code != 204 }',
    rfc: top('not_in', ra('http.status_code', 'span'), { list: { values: ['200', '204'], type: 'int' } }), expect: ['checkout-slow-failed', 'health-503'] },
  // ── levels ──
  { name: 'resource attribute', ast: F(eq(attr('resource', 'region'), str('eu'))), traceql: '{ resource.region = "eu" }', rfc: top('eq', ra('region', 'resource'), rs('eu')),
    jaeger: { tags: { region: 'eu' } }, expect: ['checkout-slow-failed'] },
  { name: 'resource attribute, second key', ast: F(eq(attr('resource', 'deployment.environment'), str('staging'))), traceql: '{ resource.deployment.environment = "staging" }',
    rfc: top('eq', ra('deployment.environment', 'resource'), rs('staging')), jaeger: { tags: { 'deployment.environment': 'staging' } }, expect: ['health-503'] },
  { name: 'scope attribute', ast: F(eq(attr('scope', 'lib.flavor'), str('vanilla'))), traceql: '{ scope.lib.flavor = "vanilla" }', rfc: top('eq', ra('lib.flavor', 'scope'), rs('vanilla')),
    jaeger: { tags: { 'lib.flavor': 'vanilla' } }, expect: ['events-uncorrelated'] },
  { name: 'event attribute', ast: F(some('event', eq(attr('event', 'exception.type'), str('CardError')))), traceql: '{ event.exception.type = "CardError" }',
    rfc: top('some', { nested: { level: 'event' } }, rc('eq', ra('exception.type', 'event'), rs('CardError'))), jaeger: { tags: { 'exception.type': 'CardError' } }, expect: ['checkout-slow-failed'] },
  { name: 'event correlated: one event has both', ast: F(some('event', and(eq(I('eventName'), str('exception')), eq(attr('event', 'attempt'), int(1))))),
    rfc: top('some', { nested: { level: 'event' } }, rc('and', rc('eq', rf('name', 'event'), rs('exception')), rc('eq', ra('attempt', 'event'), rs('1', 'int')))),
    expect: ['checkout-slow-failed'] },
  { name: 'event correlated: retry with attempt 1', ast: F(some('event', and(eq(I('eventName'), str('retry')), eq(attr('event', 'attempt'), int(1))))),
    rfc: top('some', { nested: { level: 'event' } }, rc('and', rc('eq', rf('name', 'event'), rs('retry')), rc('eq', ra('attempt', 'event'), rs('1', 'int')))),
    expect: ['events-uncorrelated'] },
  { name: 'event name', ast: F(some('event', eq(I('eventName'), str('retry')))), traceql: '{ event:name = "retry" }', jaeger: { tags: { event: 'retry' } },
    expect: ['checkout-slow-failed', 'events-uncorrelated'] },
  { name: 'link attribute', ast: F(some('link', eq(attr('link', 'link.reason'), str('follows')))), traceql: '{ link.link.reason = "follows" }',
    rfc: top('some', { nested: { level: 'link' } }, rc('eq', ra('link.reason', 'link'), rs('follows'))), jaeger: { tags: { 'link.reason': 'follows' } }, expect: ['fanout-siblings'] },
  { name: 'link attribute, numeric', ast: F(some('link', cmp(attr('link', 'weight'), '>=', int(3)))), traceql: '{ link.weight >= 3 }', expect: ['fanout-siblings'] },
  { name: 'unscoped: the resource when the span lacks it', ast: F(eq(attr('unscoped', 'region'), str('us'))), traceql: '{ .region = "us" }', expect: ['checkout-ok', 'health-503'] },
  { name: 'unscoped: the span first', ast: F(eq(attr('unscoped', 'region'), str('eu-span'))), traceql: '{ .region = "eu-span" }', rfc: top('eq', ra('region'), rs('eu-span')), expect: ['unscoped-span-region'] },
  // ── intrinsics ──
  { name: 'name', ast: F(eq(I('name'), str('charge'))), traceql: '{ name = "charge" }', rfc: top('eq', rf('name'), rs('charge')),
    jaeger: { service: svc.pay, operation: 'charge' }, expect: ['checkout-ok', 'checkout-slow-failed'] },
  { name: 'service', ast: F(eq(I('service'), str(svc.pay))), traceql: `{ resource.service.name = "${svc.pay}" }`, rfc: top('eq', rf('service', 'resource'), rs(svc.pay)),
    jaeger: { service: svc.pay }, expect: ['checkout-ok', 'checkout-slow-failed', 'fanout-siblings', 'events-uncorrelated'] },
  { name: 'name regex', ast: F(re(I('name'), 'GET /.*')), traceql: '{ name =~ "GET /.*" }', expect: ['health-503', 'legacy-string-500', 'legacy-string-60'] },
  { name: 'kind', ast: F(eq(I('kind'), { type: 'kind', value: 'producer' })), traceql: '{ kind = producer }', rfc: top('eq', rf('kind'), rs('producer')),
    jaeger: { tags: { 'span.kind': 'producer' } }, expect: ['ok-status-bool'] },
  { name: 'kind and service', ast: F(and(eq(I('kind'), { type: 'kind', value: 'client' }), eq(I('service'), str(svc.db)))), traceql: `{ kind = client && resource.service.name = "${svc.db}" }`,
    expect: ['checkout-ok', 'checkout-slow-failed', 'fanout-siblings'] },
  { name: 'status error', ast: F(eq(I('status'), { type: 'status', value: 'error' })), traceql: '{ status = error }', rfc: top('eq', rf('status'), rs('error')),
    jaeger: { tags: { error: 'true' } }, expect: ['checkout-slow-failed'] },
  { name: 'status ok', ast: F(eq(I('status'), { type: 'status', value: 'ok' })), traceql: '{ status = ok }', expect: ['ok-status-bool'] },
  { name: 'status message', ast: F(eq(I('statusMessage'), str('card declined'))), traceql: '{ statusMessage = "card declined" }',
    jaeger: { tags: { 'otel.status_description': 'card declined' } }, expect: ['checkout-slow-failed'] },
  { name: 'duration', ast: F(cmp(I('duration'), '>', ms(2000))), traceql: '{ duration > 2s }', rfc: top('gt', rf('duration'), rs('2s')), expect: ['checkout-slow-failed'] },
  { name: 'duration range', ast: F(and(cmp(I('duration'), '>=', ms(100)), cmp(I('duration'), '<', ms(1000)))), traceql: '{ duration >= 100ms && duration < 1s }',
    expect: ['checkout-ok', 'batch-25'] },
  { name: 'span duration with a service (Jaeger minDuration)', ast: F(and(eq(I('service'), str(svc.shop)), cmp(I('duration'), '>=', ms(2000)))),
    traceql: `{ resource.service.name = "${svc.shop}" && duration >= 2s }`, jaeger: { service: svc.shop, durationMin: '2s' }, expect: ['checkout-slow-failed'] },
  { name: 'span id', ast: F(eq(I('spanId'), str(ids.span('events-uncorrelated', 'h1')))), traceql: `{ span:id = "${ids.span('events-uncorrelated', 'h1')}" }`, expect: ['events-uncorrelated'] },
  { name: 'trace id', ast: F(eq(I('traceId'), str(ids.trace('health-503')))), traceql: `{ trace:id = "${ids.trace('health-503')}" }`, expect: ['health-503'] },
  { name: 'parent span id', ast: F(eq(I('parentSpanId'), str(ids.span('checkout-ok', 'a1')))), traceql: `{ span:parentID = "${ids.span('checkout-ok', 'a1')}" }`, expect: ['checkout-ok'] },
  { name: 'parent span id absent (a root) of a service', ast: F(and(eq(I('service'), str(svc.pay)), exists(I('parentSpanId'), true))),
    traceql: `{ resource.service.name = "${svc.pay}" && span:parentID = nil }`, expect: ['events-uncorrelated'] },
  // ── trace level ──
  { name: 'trace duration', ast: F(cmp(I('traceDuration'), '>', ms(1000))), traceql: '{ traceDuration > 1s }', rfc: top('gt', rf('duration', 'trace'), rs('1s')), expect: ['checkout-slow-failed'] },
  { name: 'root service', ast: F(eq(I('rootService'), str(svc.edge))), traceql: `{ rootServiceName = "${svc.edge}" }`, rfc: top('eq', rf('rootService', 'trace'), rs(svc.edge)),
    expect: ['legacy-string-500', 'legacy-string-60', 'fanout-siblings', 'unscoped-span-region', 'ok-status-bool'] },
  { name: 'root name', ast: F(eq(I('rootName'), str('POST /checkout'))), traceql: '{ rootName = "POST /checkout" }', rfc: top('eq', rf('rootName', 'trace'), rs('POST /checkout')),
    expect: ['checkout-ok', 'checkout-slow-failed'] },
  { name: 'span count and error count', ast: F(or(cmp(I('spanCount'), '>', int(20)), cmp(I('errorCount'), '>', int(0)))),
    rfc: top('or', rc('gt', rf('spanCount', 'trace'), rs('20', 'int')), rc('gt', rf('errorCount', 'trace'), rs('0', 'int'))), expect: ['batch-25', 'checkout-slow-failed'] },
  { name: 'trace-level and span-level together', ast: F(and(cmp(I('traceDuration'), '<', ms(1000)), eq(I('name'), str('charge')))),
    traceql: '{ traceDuration < 1s && name = "charge" }', expect: ['checkout-ok'] },
  // ── structure ──
  { name: 'ancestor >>', ast: F(struct('>>', S(eq(I('service'), str(svc.shop))), S(eq(sp('db.system'), str('postgresql'))))),
    traceql: `{ resource.service.name = "${svc.shop}" } >> { span.db.system = "postgresql" }`, expect: ['checkout-ok', 'checkout-slow-failed'] },
  { name: 'ancestor >> that is the parent', ast: F(struct('>>', S(eq(I('name'), str('fanout'))), S(eq(sp('db.system'), str('mysql'))))),
    traceql: '{ name = "fanout" } >> { span.db.system = "mysql" }', expect: ['fanout-siblings'] },
  { name: 'ancestor >> is not a sibling', ast: F(struct('>>', S(eq(I('name'), str('refund'))), S(eq(sp('db.system'), str('mysql'))))),
    traceql: '{ name = "refund" } >> { span.db.system = "mysql" }', expect: [] },
  { name: 'parent >', ast: F(struct('>', S(eq(I('name'), str('charge'))), S(exists(sp('db.system'))))), traceql: '{ name = "charge" } > { span.db.system != nil }',
    expect: ['checkout-ok', 'checkout-slow-failed'] },
  { name: 'parent > is not grandparent', ast: F(struct('>', S(eq(I('name'), str('POST /checkout'))), S(exists(sp('db.system'))))),
    traceql: '{ name = "POST /checkout" } > { span.db.system != nil }', expect: [] },
  { name: 'child <', ast: F(struct('<', S(exists(sp('db.system'))), S(eq(I('name'), str('charge'))))), traceql: '{ span.db.system != nil } < { name = "charge" }',
    expect: ['checkout-ok', 'checkout-slow-failed'] },
  { name: 'descendant <<', ast: F(struct('<<', S(exists(sp('db.system'))), S(eq(I('service'), str(svc.shop))))),
    traceql: `{ span.db.system != nil } << { resource.service.name = "${svc.shop}" }`, expect: ['checkout-ok', 'checkout-slow-failed'] },
  { name: 'sibling ~', ast: F(struct('~', S(eq(I('name'), str('refund'))), S(eq(sp('db.system'), str('mysql'))))), traceql: '{ name = "refund" } ~ { span.db.system = "mysql" }',
    expect: ['fanout-siblings'] },
  { name: 'and: different spans of one trace', ast: F(comb('&&', S(eq(sp('http.status_code'), int(500))), S(eq(I('status'), { type: 'status', value: 'error' })))),
    traceql: '{ span.http.status_code = 500 } && { status = error }',
    rfc: top('and', rc('some', { nested: { level: 'span' } }, rc('eq', ra('http.status_code', 'span'), rs('500', 'int'))), rc('some', { nested: { level: 'span' } }, rc('eq', rf('status'), rs('error')))),
    expect: ['checkout-slow-failed'] },
  { name: 'one span cannot be both', ast: F(and(eq(sp('http.status_code'), int(500)), eq(I('status'), { type: 'status', value: 'error' }))),
    traceql: '{ span.http.status_code = 500 && status = error }', expect: [] },
  { name: 'or of spansets', ast: F(comb('||', S(eq(I('name'), str('GET /health'))), S(eq(I('name'), str('cache'))))), traceql: '{ name = "GET /health" } || { name = "cache" }',
    expect: ['health-503', 'ok-status-bool'] },
  // ── aggregates ──
  { name: 'count() > 20', ast: F(agg(S(eq(I('service'), str(svc.shop))), 'count', '>', int(20))), traceql: `{ resource.service.name = "${svc.shop}" } | count() > 20`, expect: ['batch-25'] },
  { name: 'count() = 1', ast: F(agg(S({ kind: 'true' }), 'count', '=', int(1))), traceql: '{ } | count() = 1',
    expect: ['health-503', 'legacy-string-500', 'legacy-string-60', 'events-uncorrelated', 'unscoped-span-region', 'ok-status-bool'] },
  { name: 'avg(duration)', ast: F(agg(S(eq(I('name'), str('item'))), 'avg', '>', ms(30), I('duration'))), traceql: '{ name = "item" } | avg(duration) > 30ms', expect: ['batch-25'] },
  { name: 'max(duration)', ast: F(agg(S(eq(I('name'), str('item'))), 'max', '>', ms(44), I('duration'))), traceql: '{ name = "item" } | max(duration) > 44ms', expect: [] },
  { name: 'min(duration)', ast: F(agg(S(eq(I('service'), str(svc.db))), 'min', '<', ms(35), I('duration'))), traceql: `{ resource.service.name = "${svc.db}" } | min(duration) < 35ms`,
    expect: ['checkout-slow-failed', 'fanout-siblings'] },
  { name: 'sum(attribute)', ast: F(agg(S(exists(sp('item.index'))), 'sum', '=', int(300), sp('item.index'))), traceql: '{ span.item.index != nil } | sum(span.item.index) = 300', expect: ['batch-25'] },
  { name: 'select() keeps the match', ast: { root: { kind: 'pipeline', source: S(eq(I('name'), str('charge'))), stages: [{ kind: 'select', operands: [sp('amount')] }] } },
    traceql: '{ name = "charge" } | select(span.amount)', expect: ['checkout-ok', 'checkout-slow-failed'] },
  { name: 'everything', ast: F({ kind: 'true' }), traceql: '{ }',
    expect: ['checkout-ok', 'checkout-slow-failed', 'health-503', 'legacy-string-500', 'legacy-string-60', 'batch-25', 'fanout-siblings', 'events-uncorrelated', 'unscoped-span-region', 'ok-status-bool'] },
];
