import { beforeAll, describe, expect, inject, it } from 'vitest';
import { filterCases, type FilterCase } from '@/lib/test/filter-cases';
import { fixtureRequests, makeFixture } from '@/lib/test/filter-fixture';
import { postOtlpJson } from '@/lib/test/otlp-json-request';
import { parseTraceQL } from '@/lib/filter/parse-traceql';
import { searchFilteredTraces } from './search-filtered-traces';

// The filter engine over one fixture of hand-built traces (lib/test/filter-fixture.ts), sent
// through the real OTLP endpoint: every query of the table (lib/test/filter-cases.ts) returns
// exactly its expected traces. Other tests share the store, so only the fixture's traces are
// compared (the fixture sits alone in a window 20 hours back).

const otlpUrl = inject('otlpUrl');
process.env.DATABASE_URL ??= inject('databaseUrl'); // the use case is also called directly

const fixture = makeFixture();
const startMs = Date.now() - 20 * 3_600_000 - Math.floor(Math.random() * 3_600_000);
const sent = fixtureRequests(fixture.traces, startMs);
const keyOf = new Map([...sent.ids].map(([key, id]) => [id, key]));
const window = { startMinNs: BigInt(startMs - 1_000) * 1_000_000n, startMaxNs: BigInt(startMs + 60_000) * 1_000_000n };
const cases = filterCases(fixture.svc, { trace: (k) => sent.ids.get(k)!, span: (t, s) => sent.spanIds.get(`${t}/${s}`)! });

/** The fixture keys among trace ids, sorted. */
const keysOf = (traceIds: string[]) => traceIds.map((id) => keyOf.get(id)).filter((k) => k !== undefined).sort();
const sorted = (keys: string[]) => [...keys].sort();

beforeAll(async () => {
  for (const request of sent.requests) expect((await postOtlpJson(otlpUrl, request)).status).toBe(200);
});

describe('the executor, given the AST', () => {
  it('has at least 40 queries', () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it.each(cases.map((c) => [c.name, c] as [string, FilterCase]))('%s', async (_, c) => {
    const page = await searchFilteredTraces({ filter: c.ast, ...window, orderBy: 'start_asc', size: 1500, withTotal: true });
    expect(keysOf(page.traces.map((t) => t.summary.traceId))).toEqual(sorted(c.expect));
    expect(page.capped).toBe(false);
    for (const t of page.traces) {
      if (!keyOf.has(t.summary.traceId)) continue;
      expect(t.matchedSpanCount).toBeGreaterThan(0);
      expect(t.spans.length).toBe(Math.min(3, t.matchedSpanCount));
    }
  });
});

describe('answers', () => {
  it('lists matched spans with the selected values, and counts them', async () => {
    const c = cases.find((x) => x.name === 'select() keeps the match')!;
    const page = await searchFilteredTraces({ filter: c.ast, ...window, orderBy: 'start_asc', size: 1500, withTotal: true });
    const slow = page.traces.find((t) => keyOf.get(t.summary.traceId) === 'checkout-slow-failed')!;
    expect(slow.matchedSpanCount).toBe(1);
    expect(slow.spans[0]).toMatchObject({ name: 'charge', service: fixture.svc.pay, spanId: sent.spanIds.get('checkout-slow-failed/b2'), durationNs: 2_300_000_000n });
    expect(slow.spans[0].attributes).toEqual({ 'span.amount': { type: 'double', value: 99.99 } });
    expect(slow.summary.rootOperationName).toBe('POST /checkout');
  });

  it('lists spss spans of many, by start, and the count of all', async () => {
    const c = cases.find((x) => x.name === 'count() > 20')!;
    const page = await searchFilteredTraces({ filter: c.ast, ...window, orderBy: 'start_asc', size: 1500, withTotal: true, spansPerSpanset: 5 });
    const batch = page.traces.find((t) => keyOf.get(t.summary.traceId) === 'batch-25')!;
    expect(batch.matchedSpanCount).toBe(26);
    expect(batch.spans.map((s) => s.spanId)).toEqual(['f0', 'f01', 'f02', 'f03', 'f04'].map((id) => sent.spanIds.get(`batch-25/${id}`)));
  });

  it('sorts and pages over every match with the total', async () => {
    const all = cases.find((x) => x.name === 'everything')!;
    const only = { root: { kind: 'combine', op: '&&', left: all.ast.root, right: { kind: 'spans', where: { kind: 'compare', operand: { kind: 'intrinsic', name: 'service' }, op: '=', value: { type: 'string', value: fixture.svc.shop } } } } } as const;
    const seen: string[] = [];
    let after;
    for (let i = 0; i < 10; i++) {
      const page = await searchFilteredTraces({ filter: only, ...window, orderBy: 'duration_desc', size: 2, withTotal: true, ...(after && { after }) });
      expect(page.total).toEqual({ value: 4, isEstimate: false });
      seen.push(...page.traces.map((t) => keyOf.get(t.summary.traceId)!));
      after = page.next;
      if (!after) break;
    }
    expect(seen).toEqual(['checkout-slow-failed', 'batch-25', 'checkout-ok', 'health-503']);
  });

  it.each(['count() > 20', 'ancestor >>', 'and: different spans of one trace', 'sibling ~', 'avg(duration)'])(
    'past the candidate cap, walks the summaries and still finds exactly the matches: %s',
    async (name) => {
      const c = cases.find((x) => x.name === name)!;
      const keys: string[] = [];
      let after;
      for (let i = 0; i < 50; i++) {
        const page = await searchFilteredTraces({ filter: c.ast, ...window, orderBy: 'start_asc', size: 1, withTotal: true, candidateSpans: 3, ...(after && { after }) });
        expect(page.capped).toBe(false);
        keys.push(...keysOf(page.traces.map((t) => t.summary.traceId)));
        after = page.next;
        if (!after) break;
      }
      expect(keys.sort()).toEqual(sorted(c.expect));
    },
  );
});

describe('a structural query that matches most traces of a window bigger than one batch', () => {
  // 450 traces, a second apart, 40 hours back; two in three have a database call under the
  // root. The first batch of the walk (400 traces) fills a page, so that page is answered from it
  // with an estimated total instead of reading every trace of the window.
  const big = makeFixture();
  const traces = Array.from({ length: 450 }, (_, i) => ({
    key: `big-${String(i).padStart(3, '0')}`,
    spans: [
      { id: 'r', service: big.svc.shop, name: 'GET /orders', kind: 2, ms: 10 },
      ...(i % 3 === 0 ? [] : [{ id: 'd', parent: 'r', service: big.svc.db, name: 'SELECT orders', kind: 3, at: 1, ms: 2, attrs: { 'db.system': 'postgresql' } }]),
    ],
  }));
  const bigStartMs = Date.now() - 40 * 3_600_000 - Math.floor(Math.random() * 3_600_000);
  const bigSent = fixtureRequests(traces, bigStartMs);
  const bigKeyOf = new Map([...bigSent.ids].map(([key, id]) => [id, key]));
  const bigWindow = { startMinNs: BigInt(bigStartMs - 1_000) * 1_000_000n, startMaxNs: BigInt(bigStartMs + 460_000) * 1_000_000n };
  const withDb = traces.filter((_, i) => i % 3 !== 0).map((t) => t.key);
  const parsed = parseTraceQL(`{ resource.service.name = "${big.svc.shop}" } >> { span.db.system = "postgresql" }`);
  if (!parsed.ok) throw new Error(parsed.error.message);

  beforeAll(async () => {
    for (const request of bigSent.requests) expect((await postOtlpJson(otlpUrl, request)).status).toBe(200);
  });

  it('the newest 20 matches come first, with an estimated total near the true 300', async () => {
    const page = await searchFilteredTraces({ filter: parsed.filter, ...bigWindow, orderBy: 'start_desc', size: 20, withTotal: true });
    expect(page.traces.map((t) => bigKeyOf.get(t.summary.traceId))).toEqual(withDb.slice(-20).reverse());
    expect(page.total?.isEstimate).toBe(true);
    expect(page.total!.value).toBeGreaterThan(250);
    expect(page.total!.value).toBeLessThan(350);
    expect(page.next).toBeDefined();
  });

  it('paging from there visits every match once, in order', async () => {
    const keys: string[] = [];
    let after;
    for (let i = 0; i < 10; i++) {
      const page = await searchFilteredTraces({ filter: parsed.filter, ...bigWindow, orderBy: 'start_asc', size: 70, withTotal: false, ...(after && { after }) });
      keys.push(...page.traces.map((t) => bigKeyOf.get(t.summary.traceId)!));
      after = page.next;
      if (!after) break;
    }
    expect(keys).toEqual(withDb);
  });
});

// ── the doors: TraceQL on the UI's search API, RFC 0005 on api_v3, Jaeger's parameters on api_v3 and v1 ──

const baseUrl = inject('baseUrl');
const windowMs = { start: startMs - 1_000, end: startMs + 60_000 };
const iso = (ms: number) => new Date(ms).toISOString();

const get = async (path: string) => {
  const res = await fetch(`${baseUrl}${path}`);
  return { status: res.status, body: await res.json() };
};

const viaTraceQL = async (q: string) => {
  const params = new URLSearchParams({ q, lookback: 'custom', start: String(windowMs.start), end: String(windowMs.end), sort: 'oldest', limit: '1500' });
  const { status, body } = await get(`/api/ui/search?${params}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return keysOf(body.traces.map((t: { traceId: string }) => t.traceId));
};

const v3Window = () => ({ 'query.startTimeMin': iso(windowMs.start), 'query.startTimeMax': iso(windowMs.end), 'query.searchDepth': '1500' });

const viaRfc = async (filter: unknown, path = 'trace-summaries') => {
  const params = new URLSearchParams({ 'query.filter': JSON.stringify(filter), ...v3Window() });
  const { status, body } = await get(`/api/v3/${path}?${params}`);
  expect(status, JSON.stringify(body)).toBe(200);
  if (path === 'traces') {
    const ids = new Set<string>();
    for (const rs of body.result.resourceSpans ?? []) for (const ss of rs.scopeSpans) for (const s of ss.spans) ids.add(s.traceId);
    return keysOf([...ids]);
  }
  return keysOf(body.summaries.map((t: { traceId: string }) => t.traceId));
};

const viaJaegerV3 = async (j: NonNullable<FilterCase['jaeger']>) => {
  const params = new URLSearchParams({
    ...v3Window(),
    ...(j.service && { 'query.serviceName': j.service }),
    ...(j.operation && { 'query.operationName': j.operation }),
    ...(j.tags && { 'query.attributes': JSON.stringify(j.tags) }),
    ...(j.durationMin && { 'query.durationMin': j.durationMin }),
  });
  const { status, body } = await get(`/api/v3/trace-summaries?${params}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return keysOf(body.summaries.map((t: { traceId: string }) => t.traceId));
};

const viaJaegerV1 = async (j: NonNullable<FilterCase['jaeger']>) => {
  const params = new URLSearchParams({
    service: j.service!,
    start: String(windowMs.start * 1000),
    end: String(windowMs.end * 1000),
    limit: '1500',
    ...(j.operation && { operation: j.operation }),
    ...(j.tags && { tags: JSON.stringify(j.tags) }),
    ...(j.durationMin && { minDuration: j.durationMin }),
  });
  const { status, body } = await get(`/api/traces?${params}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return keysOf(body.data.map((t: { traceID: string }) => t.traceID.padStart(32, '0')));
};

describe('through every door that can say it', () => {
  const withText = cases.filter((c) => c.traceql !== undefined);
  const withRfc = cases.filter((c) => c.rfc !== undefined);
  const withJaeger = cases.filter((c) => c.jaeger !== undefined);

  it('covers the table', () => {
    expect(withText.length).toBeGreaterThanOrEqual(40);
    expect(withRfc.length).toBeGreaterThanOrEqual(25);
    expect(withJaeger.length).toBeGreaterThanOrEqual(10);
  });

  it.each(withText.map((c) => [c.name, c] as [string, FilterCase]))('TraceQL, /api/ui/search?q=: %s', async (_, c) => {
    expect(await viaTraceQL(c.traceql!)).toEqual(sorted(c.expect));
  });

  it.each(withRfc.map((c) => [c.name, c] as [string, FilterCase]))('RFC 0005, /api/v3/trace-summaries?query.filter=: %s', async (_, c) => {
    expect(await viaRfc(c.rfc)).toEqual(sorted(c.expect));
  });

  it.each(withJaeger.map((c) => [c.name, c] as [string, FilterCase]))('Jaeger parameters, api_v3: %s', async (_, c) => {
    expect(await viaJaegerV3(c.jaeger!)).toEqual(sorted(c.expect));
  });

  it.each(withJaeger.filter((c) => c.jaeger?.service).map((c) => [c.name, c] as [string, FilterCase]))('Jaeger parameters, v1 /api/traces: %s', async (_, c) => {
    expect(await viaJaegerV1(c.jaeger!)).toEqual(sorted(c.expect));
  });

  it('RFC 0005 on /api/v3/traces returns the whole traces of the matches', async () => {
    const rfc = cases.find((x) => x.name === 'root name')!;
    expect(await viaRfc(rfc.rfc, 'traces')).toEqual(sorted(rfc.expect));
  });
});

describe('refusals: a 400 that says what is wrong', () => {
  const traceql: [string, string, RegExp][] = [
    ['a comparison without a value', '{ span.http.status_code = }', /value|expected/i],
    ['an unclosed spanset', '{ name = "x" ', /}|close|end/i],
    ['an invalid regular expression', '{ span.http.route =~ "(" }', /regular expression|regex|\)/i],
    ['a regex construct RE2 and PostgreSQL disagree on', '{ span.http.route =~ "\\\\bfoo" }', /\\b|boundary|not supported/i],
    ['a metrics function', '{ } | rate()', /rate/i],
    ['a duration compared with text', '{ duration > "abc" }', /duration/i],
    ['grouping, which the subset leaves out', '{ } | by(resource.service.name)', /by/i],
    ['an unknown span kind', '{ kind = purple }', /purple|kind/i],
    ['a query past the length limit', `{ name = "${'x'.repeat(5000)}" }`, /long|length|characters/i],
    ['nesting past the depth limit', `{ ${'('.repeat(20)}name = "x"${')'.repeat(20)} }`, /deep|nest|depth/i],
  ];
  it.each(traceql)('TraceQL: %s', async (_, q, mentions) => {
    const params = new URLSearchParams({ q, lookback: '1h' });
    const { status, body } = await get(`/api/ui/search?${params}`);
    expect(status).toBe(400);
    expect(body.error.param).toBe('q');
    expect(body.error.message).toMatch(mentions);
    expect(body.error.position.start).toBeGreaterThanOrEqual(0);
    expect(body.error.position.end).toBeLessThanOrEqual(q.length);
  });

  const rfc: [string, string, RegExp][] = [
    ['not JSON', '{"op":', /JSON/i],
    ['an unknown operator', JSON.stringify({ op: 'matches', args: [{ attr: { key: 'x' } }, { scalar: { value: '1' } }] }), /matches/],
    ['a comparison with one operand', JSON.stringify({ op: 'eq', args: [{ attr: { key: 'x' } }] }), /args|operand|two/i],
    ['an unknown level', JSON.stringify({ op: 'eq', args: [{ attr: { key: 'x', level: 'galaxy' } }, { scalar: { value: '1' } }] }), /galaxy/],
    ['a duration that is no duration', JSON.stringify({ op: 'gt', args: [{ field: { name: 'duration', level: 'span' } }, { scalar: { value: 'fast' } }] }), /fast|duration/i],
    ['an invalid regular expression', JSON.stringify({ op: 'regex', args: [{ attr: { key: 'x' } }, { scalar: { value: '(' } }] }), /regular expression|regex|\)/i],
    ['an unknown built-in field', JSON.stringify({ op: 'eq', args: [{ field: { name: 'colour', level: 'span' } }, { scalar: { value: 'red' } }] }), /colour/],
  ];
  it.each(rfc)('RFC 0005 query.filter: %s', async (_, filter, mentions) => {
    const params = new URLSearchParams({ 'query.filter': filter, ...v3Window() });
    const { status, body } = await get(`/api/v3/trace-summaries?${params}`);
    expect(status).toBe(400);
    expect(body.error.httpCode).toBe(400);
    expect(body.error.message).toMatch(/query\.filter/);
    expect(body.error.message).toMatch(mentions);
  });

  it('RFC 0005 with a legacy predicate parameter as well', async () => {
    const filter = JSON.stringify({ op: 'exists', args: [{ attr: { key: 'x' } }] });
    const params = new URLSearchParams({ 'query.filter': filter, 'query.serviceName': fixture.svc.shop, ...v3Window() });
    const { status, body } = await get(`/api/v3/traces?${params}`);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/query\.filter.*query\.serviceName/);
  });

  it('a filter without a time window', async () => {
    const params = new URLSearchParams({ 'query.filter': JSON.stringify({ op: 'exists', args: [{ attr: { key: 'x' } }] }) });
    const { status, body } = await get(`/api/v3/trace-summaries?${params}`);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/startTimeMin/);
  });

  it('a page token of another filter', async () => {
    const first = new URLSearchParams({ 'query.filter': JSON.stringify({ op: 'exists', args: [{ attr: { key: 'db.system', level: 'span' } }] }), ...v3Window(), 'query.searchDepth': '1' });
    const { body } = await get(`/api/v3/trace-summaries?${first}`);
    expect(body.nextPageToken).not.toBe('');
    const other = new URLSearchParams({ 'query.filter': JSON.stringify({ op: 'exists', args: [{ attr: { key: 'db.statement', level: 'span' } }] }), ...v3Window(), 'query.pageToken': body.nextPageToken });
    const refused = await get(`/api/v3/trace-summaries?${other}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/pageToken.*different query/);
  });

  it('Jaeger tags that are not JSON (v1 and api_v3)', async () => {
    const v1 = await get(`/api/traces?service=${fixture.svc.shop}&lookback=1h&tags=${encodeURIComponent('{"a":')}`);
    expect(v1.status).toBe(400);
    expect(v1.body.errors[0].msg).toMatch(/tags/);
    const v3 = await get(`/api/v3/trace-summaries?${new URLSearchParams({ ...v3Window(), 'query.attributes': '{"a":' })}`);
    expect(v3.status).toBe(400);
    expect(v3.body.error.message).toMatch(/query\.attributes/);
  });
});
