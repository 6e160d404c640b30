import { describe, expect, inject, test } from 'vitest';
import { otlpRequest, otlpSpan, postOtlpJson } from '@/lib/test/otlp-json-request';

// Every malformed or contradictory query parameter is a 400 naming it, in the envelope of the
// API the client speaks (v1: {"errors":[{"code":400,"msg"}]}, v3: {"error":{"httpCode":400,"message"}});
// nothing is a 500 for bad input. Also the odd but valid inputs real clients send (Grafana's
// unencoded `+` in RFC 3339 offsets, jaeger-ui's microsecond times), which must work.

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');

const get = async (path: string) => {
  const res = await fetch(`${baseUrl}${path}`);
  return { status: res.status, body: await res.json() };
};

const nowUs = () => Date.now() * 1000;

describe('v1: 400 with the parameter named', () => {
  test.each([
    ['/api/traces', /parameter 'service' is required/],
    ['/api/traces?service=a&minDuration=2s&maxDuration=1s', /'maxDuration' should be greater than 'minDuration'/],
    ['/api/traces?service=a&minDuration=fast', /minDuration/],
    [`/api/traces?service=a&start=${nowUs()}&end=${nowUs() - 3_600_000_000}`, /start/],
    ['/api/traces?service=a&start=yesterday', /start/],
    ['/api/traces?service=a&limit=-3', /limit/],
    ['/api/traces?service=a&limit=ten', /limit/],
    ['/api/traces?service=a&tags=%7Bnot-json', /tags/],
    ['/api/traces?service=a&tags=%5B1%2C2%5D', /tags/],
    ['/api/traces?traceID=not-hex!', /traceID/],
    ['/api/traces/zzzz', /trace/i],
    ['/api/traces/00000000000000000000000000000000', /zero/],
    ['/api/traces/0123456789abcdef0123456789abcdef0', /trace/i],
    ['/api/traces/abc?start=soon', /start/],
    ['/api/operations', /parameter 'service' is required/],
    ['/api/operations?service=a&spanKind=sideways', /spanKind/],
    ['/api/dependencies?endTs=tomorrow', /endTs/],
    ['/api/dependencies?lookback=-5', /lookback/],
  ])('%s', async (path, message) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].code).toBe(400);
    expect(body.errors[0].msg).toMatch(message);
  });
});

describe('v3: 400 with the parameter named', () => {
  const t0 = new Date(Date.now() - 3_600_000).toISOString();
  const t1 = new Date().toISOString();
  test.each([
    ['/api/v3/traces', /startTimeMin/],
    [`/api/v3/traces?query.start_time_min=${t0}`, /startTimeMax|start_time_max/],
    [`/api/v3/traces?query.startTimeMin=${t1}&query.startTimeMax=${t0}`, /startTimeMin|startTimeMax/],
    [`/api/v3/traces?query.startTimeMin=last-tuesday&query.startTimeMax=${t1}`, /startTimeMin/],
    [`/api/v3/trace-summaries?query.startTimeMin=${t0}&query.startTimeMax=${t1}&query.durationMin=1parsec`, /durationMin/],
    [`/api/v3/trace-summaries?query.startTimeMin=${t0}&query.startTimeMax=${t1}&query.attributes=nope`, /attributes/],
    ['/api/v3/traces/xyz', /trace_id/],
    ['/api/v3/operations', /service/],
  ])('%s', async (path, message) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.error.httpCode).toBe(400);
    expect(body.error.message).toMatch(message);
  });
});

describe('client traps that must work', () => {
  const traceId = crypto.randomUUID().replaceAll('-', '');
  const service = `traps-${traceId.slice(0, 8)}`;
  const startNs = BigInt(Date.now() - 60_000) * 1_000_000n;

  test('setup: one span', async () => {
    const res = await postOtlpJson(
      otlpUrl,
      otlpRequest(service, [
        otlpSpan({
          traceId,
          spanId: '1111111111111111',
          name: 'GET /a b',
          startNs,
          durationNs: 250_000_000n,
          attributes: [{ key: 'note', value: { stringValue: 'two words' } }],
        }),
      ]),
    );
    expect(res.status).toBe(200);
  });

  test('Grafana sends milliseconds as trace-by-id start/end: accepted', async () => {
    const { status, body } = await get(`/api/traces/${traceId}?start=${Date.now() - 3_600_000}&end=${Date.now()}`);
    expect(status).toBe(200);
    expect(body.data[0].spans).toHaveLength(1);
  });

  test('an unencoded + in an RFC 3339 offset (Grafana east of UTC) is honoured', async () => {
    // 05:30 east of UTC: the same instants written in +05:30, the '+' left raw in the URL
    const inZone = (ms: number) => new Date(ms + 5.5 * 3_600_000).toISOString().replace('Z', '+05:30');
    const url =
      `/api/v3/traces?query.service_name=${service}` +
      `&query.start_time_min=${inZone(Date.now() - 600_000)}&query.start_time_max=${inZone(Date.now())}`;
    const { status, body } = await get(url);
    expect(status).toBe(200);
    expect(body.result.resourceSpans).toHaveLength(1);
    // and a window that the offset moves away from the span finds nothing (200, empty)
    const shifted = `/api/v3/traces?query.service_name=${service}&query.start_time_min=${inZone(Date.now() - 600_000).replace('+05:30', '-05:30')}&query.start_time_max=${inZone(Date.now()).replace('+05:30', '-05:30')}`;
    const empty = await get(shifted);
    expect(empty.status).toBe(200);
    expect(empty.body.result.resourceSpans).toEqual([]);
  });

  test('a space encoded as + in other parameters decodes to a space', async () => {
    const { body } = await get(`/api/traces?service=${service}&operation=GET+%2Fa+b&tags=%7B%22note%22%3A%22two+words%22%7D`);
    expect(body.data.map((t: { traceID: string }) => t.traceID)).toEqual([traceId]);
  });

  test('span duration bounds are inclusive', async () => {
    const hit = await get(`/api/traces?service=${service}&minDuration=250ms&maxDuration=250ms`);
    expect(hit.body.data).toHaveLength(1);
    const miss = await get(`/api/traces?service=${service}&minDuration=251ms`);
    expect(miss.body.data).toEqual([]);
  });

  test('an unknown service searches to an empty list, not an error', async () => {
    const { status, body } = await get('/api/traces?service=no-such-service');
    expect(status).toBe(200);
    expect(body.data).toEqual([]);
  });
});
