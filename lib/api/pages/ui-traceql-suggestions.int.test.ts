import { beforeAll, describe, expect, inject, test } from 'vitest';
import { otlpSpan, postOtlpJson, randomHexId } from '@/lib/test/otlp-json-request';

// The query box's suggestions (/api/ui/traceql/keys, /values) against the real server: keys by
// TraceQL scope, typed values, scoped to a service, capped for a key with many values.

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');
const run = randomHexId(3);
const web = `tql-web-${run}`;
const worker = `tql-worker-${run}`;

const get = async (path: string) => {
  const res = await fetch(`${baseUrl}${path}`);
  return { status: res.status, body: await res.json() };
};

const send = (service: string, spans: Record<string, unknown>[]) =>
  postOtlpJson(otlpUrl, { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }, { key: 'region', value: { stringValue: 'eu' } }] }, scopeSpans: [{ scope: {}, spans }] }] });

beforeAll(async () => {
  const traceId = randomHexId(16);
  // web: 60 spans, each with its own request id (a high-cardinality key) and one of two routes
  const webSpans = Array.from({ length: 60 }, (_, i) =>
    otlpSpan({ traceId, spanId: randomHexId(8), name: 'GET', attributes: [
      { key: 'request.id', value: { stringValue: `req-${i}` } },
      { key: 'http.route', value: { stringValue: i % 3 === 0 ? '/rare' : '/common' } },
    ] }));
  expect((await send(web, webSpans)).status).toBe(200);
  expect((await send(worker, [otlpSpan({ traceId: randomHexId(16), spanId: randomHexId(8), name: 'job', attributes: [{ key: 'queue', value: { intValue: '7' } }] })])).status).toBe(200);
  // the writer commits asynchronously
  for (const deadline = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 200))) {
    const [a, b] = await Promise.all([web, worker].map(async (s) => (await get(`/api/ui/traceql/keys?scope=span&service=${s}`)).body.keys));
    if (a.length === 2 && b.length === 1) break;
    if (Date.now() > deadline) throw new Error('the test spans were not stored within 30 s');
  }
});

describe('GET /api/ui/traceql/keys', () => {
  test('a scope lists its keys for the named service only', async () => {
    expect((await get(`/api/ui/traceql/keys?scope=span&service=${web}`)).body.keys).toEqual(['http.route', 'request.id']);
    expect((await get(`/api/ui/traceql/keys?scope=span&service=${worker}`)).body.keys).toEqual(['queue']);
    expect((await get(`/api/ui/traceql/keys?scope=resource&service=${web}`)).body.keys).toEqual(['region', 'service.name']);
  });

  test('an unknown scope is a 400 naming it', async () => {
    const { status, body } = await get('/api/ui/traceql/keys?scope=everywhere');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ param: 'scope' });
  });
});

describe('GET /api/ui/traceql/values', () => {
  test('values are typed and ranked by frequency', async () => {
    expect((await get(`/api/ui/traceql/values?tag=span.http.route&service=${web}`)).body).toEqual({
      values: [{ type: 'string', value: '/common' }, { type: 'string', value: '/rare' }],
      capped: false,
    });
    expect((await get(`/api/ui/traceql/values?tag=.queue&service=${worker}`)).body.values).toEqual([{ type: 'int', value: '7' }]);
    expect((await get('/api/ui/traceql/values?tag=span:kind')).body.values.map((v: { value: string }) => v.value)).toContain('server');
  });

  test('a high-cardinality key offers 50 values and says there are more', async () => {
    const { body } = await get(`/api/ui/traceql/values?tag=span.request.id&service=${web}`);
    expect(body.values).toHaveLength(50);
    expect(body.capped).toBe(true);
  });

  test('what was typed narrows a capped key on the server: a value outside the first 50 is found', async () => {
    const first = (await get(`/api/ui/traceql/values?tag=span.request.id&service=${web}`)).body.values.map((v: { value: string }) => v.value);
    const outside = Array.from({ length: 60 }, (_, i) => `req-${i}`).find((v) => !first.includes(v))!;
    const { body } = await get(`/api/ui/traceql/values?tag=span.request.id&service=${web}&q=${outside.toUpperCase()}`);
    // contains, case-insensitive: req-5 also matches req-50…req-59
    expect(body.values.map((v: { value: string }) => v.value)).toContain(outside);
    expect(body.values.every((v: { value: string }) => v.value.includes(outside))).toBe(true);
    // service names and span names narrow too (in SQL, past the first 5,000)
    expect((await get(`/api/ui/traceql/values?tag=resource.service.name&q=${worker}`)).body.values).toEqual([{ type: 'string', value: worker }]);
    expect((await get(`/api/ui/traceql/values?tag=name&service=${web}&q=ge`)).body.values).toEqual([{ type: 'string', value: 'GET' }]);
    expect((await get(`/api/ui/traceql/values?tag=name&service=${web}&q=%25`)).body.values).toEqual([]);
  });

  test('a narrowing text over 200 characters is a 400 naming it', async () => {
    const { status, body } = await get(`/api/ui/traceql/values?tag=name&q=${'x'.repeat(201)}`);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ param: 'q' });
  });

  test('a missing tag is a 400 naming it', async () => {
    const { status, body } = await get('/api/ui/traceql/values');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ param: 'tag' });
  });
});
