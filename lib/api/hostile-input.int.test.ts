import { describe, expect, inject, test } from 'vitest';
import { otlpRequest, otlpSpan, postOtlpJson, randomHexId } from '@/lib/test/otlp-json-request';

// Hostile and malformed query input on every read API family, against the running server: each
// case is a 4xx naming the parameter, in the envelope of the family (Jaeger v1, api_v3, the UI's
// /api/ui/*, remote sampling), and no answer ever carries a database message. These are the
// inputs that were 500s with PostgreSQL's text (NUL bytes, `\u0000` in JSON tags, int64 overflow,
// edge years, percent-encoding) or were silently ignored (a lookback that does not parse).

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');

const DATABASE_TEXT = /postgres|sqlstate|invalid byte sequence|out of range for type|syntax error|prisma|relation "/i;

const get = async (path: string, origin = baseUrl) => {
  const res = await fetch(`${origin}${path}`);
  const text = await res.text();
  return { status: res.status, text, contentType: res.headers.get('content-type') ?? '' };
};

const nul = encodeURIComponent(JSON.stringify({ k: 'a\u0000b' }));
const surrogate = encodeURIComponent('{"k":"\\ud800"}');
const manyTags = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, 'v']))));
const t0 = new Date(Date.now() - 3_600_000).toISOString();
const t1 = new Date().toISOString();
const v3Window = `query.startTimeMin=${t0}&query.startTimeMax=${t1}`;

// [path, the parameter the answer must name]
const V1: [string, string][] = [
  ['/api/traces?service=%00', 'service'],
  ['/api/traces?service=a&operation=x%00y', 'operation'],
  [`/api/traces?service=a&tags=${nul}`, 'tags'],
  [`/api/traces?service=a&tags=${surrogate}`, 'tags'],
  [`/api/traces?service=a&tags=${manyTags}`, 'tags'],
  ["/api/traces?service=a&lookback='%3B%20drop%20table%20spans%3B--", 'lookback'],
  ['/api/traces?service=a&start=x', 'start'],
  ['/api/traces?service=a&limit=x', 'limit'],
  ['/api/traces?service=a&limit=9223372036854775807', 'limit'],
  ['/api/traces?service=a&start=9223372036854775807', 'start'],
  ['/api/traces?service=a&end=99999999999999999999', 'end'],
  [`/api/traces?service=${'s'.repeat(1025)}`, 'service'],
  [`/api/traces?service=a&x=${'v'.repeat(4097)}`, 'x'],
  ['/api/traces/0123456789abcdef0123456789abcdef?start=99999999999999999999', 'start'],
  ['/api/operations?service=%00', 'service'],
  ['/api/services/a%00b/operations', 'service'],
  ['/api/dependencies?endTs=99999999999999999999', 'endTs'],
  ['/api/dependencies?endTs=1&lookback=999999999999999999999', 'lookback'],
  ['/api/dependencies?service=%00', 'service'],
];

const V3: [string, string][] = [
  [`/api/v3/traces?${v3Window}&query.searchDepth=9223372036854775807`, 'query.searchDepth'],
  [`/api/v3/trace-summaries?${v3Window}&query.num_traces=1501`, 'query.num_traces'],
  [`/api/v3/traces?${v3Window}&query.serviceName=%00`, 'query.serviceName'],
  [`/api/v3/traces?${v3Window}&query.attributes=${nul}`, 'query.attributes'],
  [`/api/v3/traces?${v3Window}&query.attributes=${manyTags}`, 'query.attributes'],
  [`/api/v3/traces?query.startTimeMin=0001-01-01T00:00:00Z&query.startTimeMax=${t1}`, 'query.startTimeMin'],
  [`/api/v3/traces?query.startTimeMin=${t0}&query.startTimeMax=9999-12-31T23:59:59.999999999Z`, 'query.startTimeMax'],
  ['/api/v3/traces/0123456789abcdef0123456789abcdef?startTime=9999-01-01T00:00:00Z', 'startTime'],
  ['/api/v3/operations?service=%00', 'service'],
];

const PAGES: [string, string][] = [
  ["/api/ui/search?lookback='%3B%20drop%20table%20spans%3B--", 'lookback'],
  ['/api/ui/search?lookback=custom&start=x&end=1', 'start'],
  ['/api/ui/search?limit=x', 'limit'],
  ['/api/ui/search?limit=100000', 'limit'],
  ['/api/ui/search?sort=%27%20or%201%3D1', 'sort'],
  ['/api/ui/search?tz=mars', 'tz'],
  ['/api/ui/search?service=%00', 'service'],
  ['/api/ui/search?tags=k%3D%22%5Cu0000%22', 'tags'],
  ['/api/ui/search?lookback=custom&start=1&end=99999999999999999', 'end'],
  ['/api/ui/attributes?service=%00', 'service'],
  ['/api/ui/attributes?service=a&key=%00', 'key'],
  ['/api/ui/lookup?q=%00', 'q'],
  ['/api/ui/compare?a=%00&b=baseline', 'a'],
  ['/api/ui/traces/0123456789abcdef0123456789abcdef/stats?groupBy=%00', 'groupBy'],
  ['/api/ui/service-metrics?window=%00', 'window'],
];

describe('a 400 naming the parameter, in each family\'s envelope', () => {
  test.each(V1)('v1 %s', async (path, param) => {
    const { status, text } = await get(path);
    expect(status, text).toBe(400);
    const body = JSON.parse(text);
    expect(body.data).toBeNull();
    expect(body.errors[0].code).toBe(400);
    expect(body.errors[0].msg).toContain(param);
    expect(text).not.toMatch(DATABASE_TEXT);
  });

  test.each(V3)('v3 %s', async (path, param) => {
    const { status, text } = await get(path);
    expect(status, text).toBe(400);
    const body = JSON.parse(text);
    expect(body.error.httpCode).toBe(400);
    expect(body.error.message).toContain(param);
    expect(text).not.toMatch(DATABASE_TEXT);
  });

  test.each(PAGES)('ui %s', async (path, param) => {
    const { status, text } = await get(path);
    expect(status, text).toBe(400);
    expect(JSON.parse(text).error.param).toBe(param);
    expect(text).not.toMatch(DATABASE_TEXT);
  });

  test('sampling: a NUL in the service is a 400 in Jaeger\'s text answer', async () => {
    const { status, text } = await get('/api/sampling?service=%00');
    expect(status).toBe(400);
    expect(text).toMatch(/'service'.*NUL/);
  });
});

describe('malformed percent-encoding in a path', () => {
  test.each([
    ['/api/services/%E0%A4%A/operations', /errors/],
    ['/api/services/%/operations', /errors/],
    ['/api/traces/%zz', /errors/],
    ['/api/v3/traces/%C0%AF', /httpCode/],
    ['/api/ui/traces/%FF/stats', /error/],
  ])('%s is a 4xx in JSON, not a 500', async (path, shape) => {
    const { status, text } = await get(path);
    expect(status, text).toBeGreaterThanOrEqual(400);
    expect(status, text).toBeLessThan(500);
    expect(text).toMatch(shape);
    expect(text).not.toMatch(DATABASE_TEXT);
  });
});

describe('a 70 KB query string', () => {
  const long = `q=${'x'.repeat(70_000)}`;
  test.each([
    ['/api/traces?service=a&', /"errors":\[\{"code":414/],
    ['/api/v3/traces?', /"httpCode":414/],
    ['/api/ui/search?', /"error":\{"message"/],
    ['/search?', /"error":\{"message"/],
  ])('on %s… is a 414 with a JSON body', async (path, body) => {
    const { status, text, contentType } = await get(`${path}${long}`);
    expect(status).toBe(414);
    expect(contentType).toMatch(/application\/json/);
    expect(text).toMatch(body);
    expect(text).toMatch(/limit is 8192/);
  });

  test('also on an ingest port', async () => {
    const { status, contentType } = await get(`/v1/traces?${long}`, otlpUrl);
    expect(status).toBe(414);
    expect(contentType).toMatch(/application\/json/);
  });

  test('and a header block beyond what is read at all is a 431 with a JSON body', async () => {
    const res = await fetch(`${baseUrl}/api/services`, { headers: { 'x-big': 'y'.repeat(300_000) } });
    expect(res.status).toBe(431);
    expect(await res.json()).toMatchObject({ error: { message: expect.stringMatching(/exceed/) } });
  });
});

describe('path parameters are decoded exactly once', () => {
  const names = ['a%b c/ü', '100%', 'a%25b', 'sp ace', 'ünï/cödé'];
  const suffix = randomHexId(4);

  test('setup: one span per service name', async () => {
    for (const name of names) {
      const res = await postOtlpJson(otlpUrl, otlpRequest(`${name}-${suffix}`, [otlpSpan({ traceId: randomHexId(16), spanId: randomHexId(8), name: `op of ${name}` })]));
      expect(res.status).toBe(200);
    }
  });

  test.each(names)('the operations of a service named %j', async (name) => {
    const service = `${name}-${suffix}`;
    const v1 = await get(`/api/services/${encodeURIComponent(service)}/operations`);
    expect(v1.status, v1.text).toBe(200);
    expect(JSON.parse(v1.text).data).toEqual([`op of ${name}`]);
    const byQuery = await get(`/api/operations?service=${encodeURIComponent(service)}`);
    expect(JSON.parse(byQuery.text).data.map((o: { name: string }) => o.name)).toEqual([`op of ${name}`]);
    const v3 = await get(`/api/v3/operations?service=${encodeURIComponent(service)}`);
    expect(JSON.parse(v3.text).operations.map((o: { name: string }) => o.name)).toEqual([`op of ${name}`]);
  });
});
