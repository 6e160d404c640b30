import protobuf from 'protobufjs';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { otlpTypes } from '@/lib/ingest/otlp/otlp-proto';
import { otlpSpan, postOtlpJson, randomHexId } from '@/lib/test/otlp-json-request';

// The Tempo-compatible API on TEMPO_HTTP_PORT, driven by the requests Grafana's Tempo data source
// sends, answered from a store holding known traces and checked against Tempo's documented shapes
// (docs/sources/tempo/api_docs/_index.md) and the traces sent. The requests are taken from
// grafana/grafana:
//   - public/app/plugins/datasource/tempo/datasource.ts: "Save & test" → GET /api/echo; the
//     version probe → GET /api/status/buildinfo
//   - public/app/plugins/datasource/tempo/language_provider.ts: fetchTags → GET /api/v2/search/tags
//     ?limit=5000; getOptionsV2 → GET /api/v2/search/tag/{tag}/values?q=…&limit=5000, the tag
//     encoded with encodeURIComponent twice
//   - pkg/tsdb/tempo/search.go: createSearchRequest → GET /api/search?q=…&limit=…&spss=…&start=…&end=…
//     (Accept: application/json), read as SearchResponse {traces[].traceID, rootServiceName,
//     rootTraceName, startTimeUnixNano (string), durationMs, spanSets[].spans[], matched}
//   - pkg/tsdb/tempo/trace.go: createRequest → GET /api/traces/{id}?start=…&end=…, Accept:
//     application/protobuf, decoded with proto.Unmarshal (v2: tempopb.TraceByIDResponse)

const tempoUrl = `http://127.0.0.1:${inject('ingestPorts').tempo}`;
const otlpUrl = inject('otlpUrl');
const run = randomHexId(3);
const front = `tempo-front-${run}`;
const db = `tempo-db-${run}`;

const nowNs = BigInt(Date.now()) * 1_000_000n;
const startNs = nowNs - 60_000_000_000n; // a minute ago
const ms = 1_000_000n;
const checkoutTrace = randomHexId(16);
const browseTrace = randomHexId(16);

const resource = (service: string, extra: Record<string, string> = {}) => ({
  attributes: [{ key: 'service.name', value: { stringValue: service } }, ...Object.entries(extra).map(([key, v]) => ({ key, value: { stringValue: v } }))],
});

beforeAll(async () => {
  // checkout: front GET /checkout (server, 120 ms) → charge (client, error, 500, an exception event, a link)
  //           db SELECT orders (client, 30 ms, db.system=postgresql) under the root
  // browse:   front GET /items (server, 10 ms, 200)
  const frontSpans = [
    otlpSpan({ traceId: checkoutTrace, spanId: 'f000000000000001', name: 'GET /checkout', kind: 2, startNs, durationNs: 120n * ms,
      attributes: [{ key: 'http.status_code', value: { intValue: '200' } }, { key: 'http.route', value: { stringValue: '/checkout' } }] }),
    otlpSpan({ traceId: checkoutTrace, spanId: 'f000000000000002', parentSpanId: 'f000000000000001', name: 'charge', kind: 3,
      startNs: startNs + 10n * ms, durationNs: 80n * ms, status: { code: 2, message: 'card declined' },
      attributes: [{ key: 'http.status_code', value: { intValue: '500' } }, { key: 'payment.method', value: { stringValue: 'card' } }],
      events: [{ timeUnixNano: String(startNs + 20n * ms), name: 'exception', attributes: [{ key: 'exception.type', value: { stringValue: 'CardError' } }] }],
      links: [{ traceId: browseTrace, spanId: 'f000000000000003', attributes: [{ key: 'link.reason', value: { stringValue: 'retry-of' } }] }] }),
    otlpSpan({ traceId: browseTrace, spanId: 'f000000000000003', name: 'GET /items', kind: 2, startNs: startNs + 1000n * ms, durationNs: 10n * ms,
      attributes: [{ key: 'http.status_code', value: { intValue: '200' } }] }),
  ];
  const dbSpans = [
    otlpSpan({ traceId: checkoutTrace, spanId: 'd000000000000001', parentSpanId: 'f000000000000001', name: 'SELECT orders', kind: 3,
      startNs: startNs + 90n * ms, durationNs: 30n * ms, attributes: [{ key: 'db.system', value: { stringValue: 'postgresql' } }] }),
  ];
  for (const doc of [
    { resourceSpans: [{ resource: resource(front, { 'deployment.environment': 'prod' }), scopeSpans: [{ scope: { name: 'shop-instrumentation', attributes: [{ key: 'lib.flavour', value: { stringValue: 'vanilla' } }] }, spans: frontSpans }] }] },
    { resourceSpans: [{ resource: resource(db), scopeSpans: [{ scope: {}, spans: dbSpans }] }] },
  ]) {
    expect((await postOtlpJson(otlpUrl, doc)).status).toBe(200);
  }
  // the writer commits asynchronously: wait until both traces read back whole
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [a, b] = await Promise.all([checkoutTrace, browseTrace].map((id) => fetch(`${tempoUrl}/api/traces/${id}`).then((r) => (r.ok ? r.json() : null))));
    const count = (t: { batches: { scopeSpans: { spans: unknown[] }[] }[] } | null) => t?.batches.flatMap((b) => b.scopeSpans.flatMap((s) => s.spans)).length ?? 0;
    if (count(a) === 3 && count(b) === 1) break;
    if (Date.now() > deadline) throw new Error('the test traces were not stored within 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
});

const getJson = async (path: string) => {
  const res = await fetch(`${tempoUrl}${path}`, { headers: { accept: 'application/json' } });
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: res.status, body: await res.json() };
};

const getText = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${tempoUrl}${path}`, { headers });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};

describe('data source checks', () => {
  test('GET /api/echo answers `echo` (Save & test)', async () => {
    expect(await getText('/api/echo')).toMatchObject({ status: 200, text: 'echo' });
  });

  test('GET /api/status/buildinfo has the documented fields and a version before gRPC streaming', async () => {
    const { status, body } = await getJson('/api/status/buildinfo');
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['branch', 'buildDate', 'buildUser', 'goVersion', 'revision', 'version']);
    expect(body.version).toMatch(/^2\.1\.\d+$/);
  });

  test('a path Tempo does not have is a plain-text 404 naming what the port serves', async () => {
    const { status, text } = await getText('/api/services');
    expect(status).toBe(404);
    expect(text).toContain('/api/search');
  });
});

describe('tags (language_provider.ts fetchTags)', () => {
  test('v2 lists each key under its scope, and the intrinsics', async () => {
    const { status, body } = await getJson('/api/v2/search/tags?limit=5000');
    expect(status).toBe(200);
    const scopes = Object.fromEntries(body.scopes.map((s: { name: string; tags: string[] }) => [s.name, s.tags]));
    expect(Object.keys(scopes).sort()).toEqual(['event', 'instrumentation', 'intrinsic', 'link', 'resource', 'span']);
    expect(scopes.span).toEqual(expect.arrayContaining(['http.status_code', 'http.route', 'payment.method', 'db.system']));
    // a resource key is not a span key (not service.name: in the shared test database a Jaeger or
    // Zipkin client's span may carry a span attribute of that name, depending on the suites' order)
    expect(scopes.span).not.toContain('deployment.environment');
    expect(scopes.resource).toEqual(expect.arrayContaining(['service.name', 'deployment.environment']));
    expect(scopes.event).toContain('exception.type');
    expect(scopes.link).toContain('link.reason');
    expect(scopes.instrumentation).toContain('lib.flavour');
    expect(scopes.intrinsic).toEqual(expect.arrayContaining(['name', 'status', 'duration', 'kind', 'rootServiceName', 'traceDuration']));
  });

  test('v2 with one scope lists that scope only', async () => {
    const { body } = await getJson('/api/v2/search/tags?scope=event');
    expect(body.scopes).toHaveLength(1);
    expect(body.scopes[0]).toMatchObject({ name: 'event' });
    expect(body.scopes[0].tags).toContain('exception.type');
  });

  test('v1 lists span and resource keys as tagNames', async () => {
    const { body } = await getJson('/api/search/tags');
    expect(body.tagNames).toEqual(expect.arrayContaining(['http.status_code', 'service.name', 'deployment.environment']));
    expect(body.tagNames).not.toContain('exception.type');
  });

  test('an unknown scope is a plain-text 400 naming it', async () => {
    const { status, type, text } = await getText('/api/v2/search/tags?scope=everything');
    expect(status).toBe(400);
    expect(type).toMatch(/^text\/plain/);
    expect(text).toContain('invalid scope "everything"');
  });
});

describe('tag values (language_provider.ts getOptionsV2)', () => {
  const v2 = (tag: string, query = '') =>
    getJson(`/api/v2/search/tag/${encodeURIComponent(encodeURIComponent(tag))}/values?limit=5000${query}`);

  test('v2 types the values: strings, ints, keywords', async () => {
    const services = await v2('resource.service.name');
    expect(services.body.tagValues).toEqual(expect.arrayContaining([{ type: 'string', value: front }, { type: 'string', value: db }]));
    const codes = await v2('span.http.status_code', `&q=${encodeURIComponent(`{resource.service.name="${front}"}`)}`);
    expect(codes.body.tagValues).toEqual(expect.arrayContaining([{ type: 'int', value: '200' }, { type: 'int', value: '500' }]));
    const status = await v2('status');
    expect(status.body.tagValues).toEqual([{ type: 'keyword', value: 'error' }, { type: 'keyword', value: 'ok' }, { type: 'keyword', value: 'unset' }]);
  });

  test('v2 reads event, link and unscoped identifiers', async () => {
    expect((await v2('event.exception.type')).body.tagValues).toContainEqual({ type: 'string', value: 'CardError' });
    expect((await v2('link.link.reason')).body.tagValues).toContainEqual({ type: 'string', value: 'retry-of' });
    expect((await v2('.deployment.environment')).body.tagValues).toContainEqual({ type: 'string', value: 'prod' });
  });

  test('v1 answers plain strings for an attribute name', async () => {
    const { body } = await getJson('/api/search/tag/payment.method/values');
    expect(body.tagValues).toContain('card');
    expect(body.tagValues.every((v: unknown) => typeof v === 'string')).toBe(true);
  });
});

// tempopb.TraceByIDResponse, as Grafana decodes the v2 answer; its `trace` is byte for byte OTLP's TracesData
const TraceByIdResponse = protobuf.Root.fromJSON({
  nested: { R: { fields: { trace: { type: 'bytes', id: 1 }, status: { type: 'int32', id: 3 } } } },
}).lookupType('R');

type DecodedSpan = { name: string; spanId: Uint8Array; events: { name: string }[]; links: { traceId: Uint8Array }[] };
const spansOf = (message: protobuf.Message): DecodedSpan[] =>
  (message as unknown as { resourceSpans: { scopeSpans: { spans: DecodedSpan[] }[] }[] }).resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));

describe('trace by id (pkg/tsdb/tempo/trace.go)', () => {
  const window = `?start=${Number(startNs / 1_000_000_000n) - 60}&end=${Number(nowNs / 1_000_000_000n) + 60}`;

  test('v1 protobuf is OTLP TracesData with every span, its event and its link', async () => {
    const res = await fetch(`${tempoUrl}/api/traces/${checkoutTrace}${window}`, { headers: { accept: 'application/protobuf' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/protobuf');
    const spans = spansOf(otlpTypes.ExportTraceServiceRequest.decode(new Uint8Array(await res.arrayBuffer())));
    expect(spans.map((s) => s.name).sort()).toEqual(['GET /checkout', 'SELECT orders', 'charge']);
    const charge = spans.find((s) => s.name === 'charge')!;
    expect(Buffer.from(charge.spanId).toString('hex')).toBe('f000000000000002');
    expect(charge.events.map((e) => e.name)).toEqual(['exception']);
    expect(Buffer.from(charge.links[0].traceId).toString('hex')).toBe(browseTrace);
  });

  test('v2 protobuf is TraceByIDResponse wrapping the same trace, status COMPLETE', async () => {
    const res = await fetch(`${tempoUrl}/api/v2/traces/${checkoutTrace}`, { headers: { accept: 'application/protobuf' } });
    expect(res.status).toBe(200);
    const outer = TraceByIdResponse.decode(new Uint8Array(await res.arrayBuffer())) as unknown as { trace: Uint8Array; status: number };
    expect(outer.status).toBe(0);
    const spans = spansOf(otlpTypes.ExportTraceServiceRequest.decode(outer.trace));
    expect(spans).toHaveLength(3);
  });

  test('JSON by default: v1 `batches`, v2 `trace.resourceSpans` with `status`', async () => {
    const v1 = await getJson(`/api/traces/${checkoutTrace}`);
    expect(v1.body.batches.flatMap((b: { scopeSpans: { spans: unknown[] }[] }) => b.scopeSpans.flatMap((s) => s.spans))).toHaveLength(3);
    const v2 = await getJson(`/api/v2/traces/${checkoutTrace}`);
    expect(v2.body.status).toBe('COMPLETE');
    const frontBatch = v2.body.trace.resourceSpans.find((rs: { resource: { attributes: { key: string; value: { stringValue: string } }[] } }) =>
      rs.resource.attributes.some((a) => a.key === 'service.name' && a.value.stringValue === front));
    expect(frontBatch.scopeSpans[0].spans.map((s: { name: string }) => s.name).sort()).toEqual(['GET /checkout', 'charge']);
  });

  test('a short id (leading zeros dropped, as Tempo prints them) finds the trace', async () => {
    const id = `00000000${randomHexId(12)}`;
    const sent = await postOtlpJson(otlpUrl, { resourceSpans: [{ resource: resource(`tempo-short-${run}`), scopeSpans: [{ scope: {}, spans: [otlpSpan({ traceId: id, spanId: 'a000000000000001', name: 'short' })] }] }] });
    expect(sent.status).toBe(200);
    await expect.poll(async () => (await getText(`/api/traces/${id.replace(/^0+/, '')}`)).status, { timeout: 30_000 }).toBe(200);
  });

  test('an unknown trace is a plain-text 404; a malformed id a plain-text 400', async () => {
    const missing = await getText(`/api/v2/traces/${randomHexId(16)}`, { accept: 'application/protobuf' });
    expect(missing).toMatchObject({ status: 404 });
    expect(missing.type).toMatch(/^text\/plain/);
    expect(missing.text).toContain('trace not found');
    const bad = await getText('/api/traces/not-a-trace-id');
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/^text\/plain/);
    expect(bad.text).toContain('invalid trace id');
  });

  test('start without end is a plain-text 400 naming end', async () => {
    const { status, text } = await getText(`/api/traces/${checkoutTrace}?start=1`);
    expect(status).toBe(400);
    expect(text).toContain('end');
  });
});

describe('search (pkg/tsdb/tempo/search.go createSearchRequest)', () => {
  const window = `&start=${Number(startNs / 1_000_000_000n) - 60}&end=${Number(nowNs / 1_000_000_000n) + 60}`;
  const search = (params: string) => getJson(`/api/search?${params}${window}`);
  const q = (query: string) => `q=${encodeURIComponent(query)}`;
  type TempoTrace = { traceID: string; rootServiceName: string; rootTraceName: string; startTimeUnixNano: string; durationMs: number;
    spanSets: { spans: { spanID: string; name: string; startTimeUnixNano: string; durationNanos: string; attributes: { key: string; value: Record<string, unknown> }[] }[]; matched: number }[] };

  test('a TraceQL query answers Tempo\'s documented shape: the trace, its root, its matched spans', async () => {
    const { status, body } = await search(`${q(`{ resource.service.name = "${front}" && status = error }`)}&limit=20&spss=3`);
    expect(status).toBe(200);
    expect(body.metrics).toBeTypeOf('object');
    expect(body.traces).toHaveLength(1);
    const trace: TempoTrace = body.traces[0];
    expect(trace).toMatchObject({
      traceID: checkoutTrace.replace(/^0+/, ''),
      rootServiceName: front,
      rootTraceName: 'GET /checkout',
      startTimeUnixNano: String(startNs),
      durationMs: 120,
    });
    expect(trace.spanSets).toHaveLength(1);
    expect(trace.spanSets[0].matched).toBe(1);
    expect(trace.spanSets[0].spans).toEqual([
      expect.objectContaining({ spanID: 'f000000000000002', name: 'charge', startTimeUnixNano: String(startNs + 10n * ms), durationNanos: String(80n * ms) }),
    ]);
  });

  test('structure: a database span under the front service finds the checkout trace only', async () => {
    const { body } = await search(q(`{ resource.service.name = "${front}" } >> { span.db.system = "postgresql" }`));
    expect(body.traces.map((t: TempoTrace) => t.traceID)).toEqual([checkoutTrace.replace(/^0+/, '')]);
    expect(body.traces[0].spanSets[0].spans.map((s: { name: string }) => s.name)).toEqual(['SELECT orders']);
  });

  test('select() adds the asked values to the matched spans, typed', async () => {
    const { body } = await search(q(`{ span.payment.method = "card" } | select(span.http.status_code)`));
    const span = body.traces[0].spanSets[0].spans[0];
    expect(span.attributes).toContainEqual({ key: 'http.status_code', value: { intValue: '500' } });
  });

  test('spss bounds the spans listed, `matched` still counts them all; limit bounds the traces', async () => {
    const { body } = await search(`${q(`{ resource.service.name = "${front}" && kind = server }`)}&spss=1`);
    expect(body.traces).toHaveLength(2);
    const limited = await search(`${q(`{ resource.service.name = "${front}" }`)}&spss=1&limit=1`);
    expect(limited.body.traces).toHaveLength(1);
    expect(limited.body.traces[0].traceID).toBe(browseTrace.replace(/^0+/, '')); // newest first
    const checkout = await search(`${q(`{ resource.service.name = "${front}" }`)}&spss=1`);
    const set = checkout.body.traces.find((t: TempoTrace) => t.traceID === checkoutTrace.replace(/^0+/, '')).spanSets[0];
    expect(set.spans).toHaveLength(1);
    expect(set.matched).toBe(2);
  });

  test('tag-based search: `tags` as a case-insensitive substring, minDuration on the trace', async () => {
    const { body } = await search(`tags=${encodeURIComponent(`service.name=${front.toUpperCase()} payment.method=CAR`)}`);
    expect(body.traces.map((t: TempoTrace) => t.traceID)).toEqual([checkoutTrace.replace(/^0+/, '')]);
    const slow = await search(`tags=${encodeURIComponent(`service.name=${front}`)}&minDuration=100ms`);
    expect(slow.body.traces.map((t: TempoTrace) => t.traceID)).toEqual([checkoutTrace.replace(/^0+/, '')]);
    const typed = await search(`tags=${encodeURIComponent(`http.status_code=500`)}&minDuration=100ms&maxDuration=200ms`);
    expect(typed.body.traces.map((t: TempoTrace) => t.traceID)).toContain(checkoutTrace.replace(/^0+/, ''));
  });

  test('a query that does not parse is a plain-text 400 saying where', async () => {
    const { status, type, text } = await getText(`/api/search?${q('{ span.http.status_code >= }')}`);
    expect(status).toBe(400);
    expect(type).toMatch(/^text\/plain/);
    expect(text).toMatch(/^invalid TraceQL query: parse error at line 1, col \d+: /);
  });

  test.each([['limit=0', 'limit'], ['spss=x', 'spss'], ['minDuration=soon', 'minDuration'], ['start=yesterday&end=1', 'start']])(
    '%s is a plain-text 400 naming %s',
    async (params, name) => {
      const { status, text } = await getText(`/api/search?${params}`);
      expect(status).toBe(400);
      expect(text).toContain(name);
    },
  );

  test('tag values with q: only what spans of the named service had', async () => {
    const names = await getJson(`/api/v2/search/tag/name/values?${q(`{ resource.service.name = "${db}" }`)}`);
    expect(names.body.tagValues).toEqual([{ type: 'string', value: 'SELECT orders' }]);
    const keys = await getJson(`/api/v2/search/tags?scope=span&${q(`{ resource.service.name = "${db}" }`)}`);
    expect(keys.body.scopes[0].tags).toEqual(['db.system']);
  });
});
