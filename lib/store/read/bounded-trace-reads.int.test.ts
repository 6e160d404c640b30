import { afterAll, beforeAll, expect, test } from 'vitest';
import { isCutValue } from '@/lib/model/cut-attribute-value';
import { otlpRequest, otlpSpan, postOtlpJson, randomHexId } from '@/lib/test/otlp-json-request';
import { startTestServer, type TestServer } from '@/lib/test/test-server';

// Reads are bounded like writes. Traces whose attributes hold megabytes: the search page's query
// answers from the trace summaries (fast, small, nothing loaded whole); a whole-trace read sends
// each long value cut at QUERY_ATTRIBUTE_VALUE_LENGTH with a marker, and the whole value on demand;
// an answer of whole traces over QUERY_MAX_BYTES is a 422 saying so; and the process stays up.

let server: TestServer;
const VALUE_LENGTH = 1000;
const FAT = 1024 * 1024; // one 1 MiB attribute per span
const TRACES = 8;
const SPANS = 3;
const traceIds = Array.from({ length: TRACES }, () => randomHexId(16));
const spanIds = traceIds.map(() => Array.from({ length: SPANS }, () => randomHexId(8)));
const fatValue = (t: number, s: number) => `${t}-${s}:` + 'x'.repeat(FAT);

beforeAll(async () => {
  server = await startTestServer({
    env: { QUERY_ATTRIBUTE_VALUE_LENGTH: String(VALUE_LENGTH), QUERY_MAX_BYTES: String(16 * 1024), INGEST_MAX_BODY_BYTES: String(8 * 1024 * 1024) },
  });
  for (const [t, traceId] of traceIds.entries()) {
    const spans = spanIds[t].map((spanId, s) =>
      otlpSpan({
        traceId,
        spanId,
        ...(s > 0 && { parentSpanId: spanIds[t][0] }),
        name: `op-${s}`,
        attributes: [
          { key: 'payload', value: { stringValue: fatValue(t, s) } },
          { key: 'small', value: { stringValue: 'kept whole' } },
        ],
      }),
    );
    const res = await postOtlpJson(server.otlpUrl, otlpRequest('fat-svc', spans));
    expect(res.status).toBe(200);
  }
}, 240_000);

afterAll(async () => {
  await server?.stop();
});

test('the search page query answers from summaries, small and fast, over traces holding 24 MiB of attributes', async () => {
  const started = performance.now();
  const res = await fetch(`${server.baseUrl}/api/ui/search?service=fat-svc&lookback=1h&limit=20`);
  const text = await res.text();
  const elapsed = performance.now() - started;
  expect(res.status).toBe(200);
  const body = JSON.parse(text) as { traces: { traceId: string; spanCount: number }[] };
  expect(body.traces.map((t) => t.traceId).sort()).toEqual([...traceIds].sort());
  expect(body.traces.every((t) => t.spanCount === SPANS)).toBe(true);
  expect(text.length).toBeLessThan(20_000); // no attribute in it
  expect(elapsed).toBeLessThan(5_000);
});

test('a whole trace is sent with long values cut and marked, and the whole value is there on demand', async () => {
  const [traceId] = traceIds;
  const res = await fetch(`${server.baseUrl}/api/traces/${traceId}`);
  expect(res.status).toBe(200);
  const { data } = (await res.json()) as { data: { spans: { spanID: string; tags: { key: string; value: unknown }[] }[] }[] };
  expect(data[0].spans).toHaveLength(SPANS);
  for (const span of data[0].spans) {
    const payload = span.tags.find((t) => t.key === 'payload')!.value as string;
    expect(isCutValue(payload)).toBe(true);
    expect(payload).toMatch(new RegExp(`^\\d-\\d:x+…\\[cut: ${FAT + 4} characters in all\\]$`));
    expect(payload.indexOf('…')).toBe(VALUE_LENGTH);
    expect(span.tags.find((t) => t.key === 'small')!.value).toBe('kept whole');
  }
  // the UI trace endpoint cuts the same way
  const ui = (await (await fetch(`${server.baseUrl}/api/ui/traces/${traceId}`)).json()) as { spans: { i: string; a: Record<string, unknown> }[] };
  expect(ui.spans.every((s) => isCutValue(s.a.payload))).toBe(true);

  const whole = await fetch(`${server.baseUrl}/api/ui/traces/${traceId}/spans/${spanIds[0][1]}/attribute?key=payload`);
  expect(whole.status).toBe(200);
  expect(((await whole.json()) as { value: string }).value).toBe(fatValue(0, 1));
  const none = await fetch(`${server.baseUrl}/api/ui/traces/${traceId}/spans/${spanIds[0][1]}/attribute?key=absent`);
  expect(none.status).toBe(404);
  const bad = await fetch(`${server.baseUrl}/api/ui/traces/${traceId}/spans/nothex/attribute?key=payload`);
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: { param: string } }).error.param).toBe('span_id');
});

test('whole traces beyond the byte budget are a 422 naming QUERY_MAX_BYTES, and the process stays up', async () => {
  // eight traces of three cut spans each: ~24 KiB of span text, over the 16 KiB budget
  const res = await fetch(`${server.baseUrl}/api/traces?service=fat-svc&lookback=1h&limit=20`);
  expect(res.status).toBe(422);
  const body = (await res.json()) as { data: null; errors: { code: number; msg: string }[] };
  expect(body.errors[0].code).toBe(422);
  expect(body.errors[0].msg).toMatch(/QUERY_MAX_BYTES/);
  // api_v3 in its own envelope
  const v3 = await fetch(
    `${server.baseUrl}/api/v3/traces?query.serviceName=fat-svc&query.startTimeMin=${new Date(Date.now() - 3_600_000).toISOString()}&query.startTimeMax=${new Date().toISOString()}`,
  );
  expect(v3.status).toBe(422);
  expect(((await v3.json()) as { error: { message: string } }).error.message).toMatch(/QUERY_MAX_BYTES/);
  // a narrower search fits
  const one = await fetch(`${server.baseUrl}/api/traces?service=fat-svc&lookback=1h&limit=1`);
  expect(one.status).toBe(200);
  expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
});
