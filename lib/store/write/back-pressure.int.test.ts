import { afterAll, beforeAll, expect, test } from 'vitest';
import { otlpRequest, otlpSpan } from '@/lib/test/otlp-json-request';
import { startTestServer, type TestServer } from '@/lib/test/test-server';

// A bounded queue sits between receiving and writing. When it is full, ingest answers 503 with
// Retry-After so exporters retry; every span that was acknowledged is stored, and nothing of a
// refused request is.

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { INGEST_QUEUE_SPANS: '600' } });
}, 240_000);

afterAll(async () => {
  await server?.stop();
});

const SPANS_PER_REQUEST = 500;
const REQUESTS = 40;

const body = (traceId: string) => {
  const start = BigInt(Date.now()) * 1_000_000n;
  return JSON.stringify(
    otlpRequest(
      'pressure-svc',
      Array.from({ length: SPANS_PER_REQUEST }, (_, i) =>
        otlpSpan({
          traceId,
          spanId: (i + 1).toString(16).padStart(16, '0'),
          name: `op-${i % 7}`,
          startNs: start + BigInt(i),
          attributes: [{ key: 'i', value: { intValue: String(i) } }, { key: 'pad', value: { stringValue: 'x'.repeat(100) } }],
        }),
      ),
    ),
  );
};

test('a full queue answers 503 + Retry-After, and every acknowledged span is stored', async () => {
  const ids = Array.from({ length: REQUESTS }, (_, n) => `b0${String(n).padStart(30, '0')}`);
  const bodies = ids.map(body);
  const responses = await Promise.all(
    bodies.map((b) => fetch(`${server.otlpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b })),
  );
  const acked = ids.filter((_, i) => responses[i].status === 200);
  const refused = responses.filter((r) => r.status === 503);
  expect(acked.length + refused.length).toBe(REQUESTS);
  expect(acked.length).toBeGreaterThan(0);
  expect(refused.length).toBeGreaterThan(0);
  for (const r of refused) {
    expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await r.json()).message).toMatch(/queue is full/);
  }
  for (const [i, id] of ids.entries()) {
    const res = await fetch(`${server.baseUrl}/api/traces/${id}`);
    if (responses[i].status === 200) {
      expect(res.status).toBe(200);
      expect((await res.json()).data[0].spans).toHaveLength(SPANS_PER_REQUEST);
    } else {
      expect(res.status).toBe(404); // nothing half-written
    }
  }
  // retried as an exporter would, the refused requests all get in
  for (const [i, id] of ids.entries()) {
    if (responses[i].status === 200) continue;
    for (;;) {
      const retry = await fetch(`${server.otlpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodies[i] });
      if (retry.status === 200) break;
      expect(retry.status).toBe(503);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(((await (await fetch(`${server.baseUrl}/api/traces/${id}`)).json()).data[0].spans)).toHaveLength(SPANS_PER_REQUEST);
  }
});
