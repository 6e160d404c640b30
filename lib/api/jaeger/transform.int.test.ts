import { expect, inject, test } from 'vitest';
import type { JaegerTrace } from '@/lib/api/jaeger/wire-types';
import { otlpRequest, otlpSpan, randomHexId } from '@/lib/test/otlp-json-request';

// POST /api/transform: jaeger-ui's Upload tab posts an OTLP JSON file and shows the answer as it
// shows /api/traces. Nothing is stored.

const baseUrl = inject('baseUrl');

const transform = (body: string) => fetch(`${baseUrl}/api/transform`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

test('an OTLP JSON file comes back as Jaeger traces, and nothing is stored', async () => {
  const [a, b] = [randomHexId(16), randomHexId(16)];
  const root = randomHexId(8);
  const t0 = BigInt(Date.now()) * 1_000_000n;
  const doc = otlpRequest('upload-svc', [
    otlpSpan({ traceId: a, spanId: root, name: 'GET /', kind: 2, startNs: t0, durationNs: 5_000_000n, attributes: [{ key: 'http.method', value: { stringValue: 'GET' } }] }),
    otlpSpan({ traceId: a, spanId: randomHexId(8), parentSpanId: root, name: 'query', startNs: t0 + 1_000_000n, durationNs: 2_000_000n }),
    otlpSpan({ traceId: b, spanId: randomHexId(8), name: 'other', startNs: t0, durationNs: 1_000n }),
  ]);
  const res = await transform(JSON.stringify(doc));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as { data: JaegerTrace[]; errors: unknown };
  expect(body.errors).toBeNull();
  expect(body.data.map((t) => [t.traceID, t.spans.length]).sort()).toEqual([[a, 2], [b, 1]].sort());
  const ta = body.data.find((t) => t.traceID === a)!;
  expect(ta.spans.map((s) => [s.operationName, s.duration])).toEqual([['GET /', 5000], ['query', 2000]]);
  expect(ta.spans[1].references).toEqual([{ refType: 'CHILD_OF', traceID: a, spanID: root }]);
  expect(ta.processes[ta.spans[0].processID].serviceName).toBe('upload-svc');
  expect(ta.spans[0].tags).toContainEqual({ key: 'http.method', type: 'string', value: 'GET' });
  // nothing stored
  expect((await fetch(`${baseUrl}/api/traces/${a}`)).status).toBe(404);
});

test('a file that is not OTLP JSON is a 400 in the Jaeger envelope, naming why', async () => {
  const res = await transform('{"resourceSpans": 42');
  expect(res.status).toBe(400);
  const body = await res.json();
  expect(body).toMatchObject({ data: null, errors: [{ code: 400, msg: expect.stringMatching(/^cannot read the upload as OTLP JSON: invalid JSON/) }] });
});
