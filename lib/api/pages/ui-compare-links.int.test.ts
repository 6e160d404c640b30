import { describe, expect, inject, test } from 'vitest';
import { postOtlpJson, randomHexId } from '@/lib/test/otlp-json-request';
import type { CompareAnswer } from './compare-answer';
import type { TraceLinksAnswer } from './trace-links-answer';

// GET /api/ui/compare and GET /api/ui/traces/{id}/links against the real server, on traces sent
// through POST /v1/traces: nodes matched by path of service:operation (only in A, only in B,
// changed, biggest change first), the baseline's medians, links both ways, a 10,000-span trace.

const baseUrl = inject('baseUrl');
const MS = 1_000_000n;

type Spec = { id: string; parent?: string; service: string; name: string; startMs: number; durationMs: number; links?: { traceId: string; spanId: string }[] };

const send = async (traceId: string, specs: Spec[], startNs = BigInt(Date.now() - 120_000) * MS) => {
  const services = [...new Set(specs.map((s) => s.service))];
  for (let i = 0; i < specs.length; i += 2000) {
    const chunk = specs.slice(i, i + 2000);
    const res = await postOtlpJson(baseUrl, {
      resourceSpans: services.map((service) => ({
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [{
          scope: {},
          spans: chunk.filter((s) => s.service === service).map((s) => ({
            traceId,
            spanId: s.id,
            ...(s.parent && { parentSpanId: s.parent }),
            name: s.name,
            startTimeUnixNano: String(startNs + BigInt(Math.round(s.startMs * 1e6))),
            endTimeUnixNano: String(startNs + BigInt(Math.round((s.startMs + s.durationMs) * 1e6))),
            ...(s.links && { links: s.links }),
          })),
        }],
      })).filter((r) => r.scopeSpans[0].spans.length > 0),
    });
    expect(res.status, await res.text()).toBe(200);
  }
};

const getJson = async <T>(path: string) => {
  const res = await fetch(`${baseUrl}${path}`);
  return { status: res.status, body: (await res.json()) as T };
};

const table = (answer: CompareAnswer) =>
  answer.nodes.map((n) => [n.path.join(' > '), n.a && [n.a.count, Number(BigInt(n.a.totalNs) / MS)], n.b && [n.b.count, Number(BigInt(n.b.totalNs) / MS)]]);

describe('GET /api/ui/compare', () => {
  test('matches nodes by path: a slower call, an added one, a removed one, repeated siblings counted; biggest change first', async () => {
    const [a, b] = [randomHexId(16), randomHexId(16)];
    const web = `web-${randomHexId(3)}`;
    await send(a, [
      { id: 'a000000000000001', service: web, name: 'GET /cart', startMs: 0, durationMs: 100 },
      { id: 'a000000000000002', parent: 'a000000000000001', service: 'db', name: 'SELECT', startMs: 10, durationMs: 20 },
      { id: 'a000000000000003', parent: 'a000000000000001', service: 'db', name: 'SELECT', startMs: 40, durationMs: 20 },
      { id: 'a000000000000004', parent: 'a000000000000001', service: 'cache', name: 'GET', startMs: 70, durationMs: 5 },
    ]);
    await send(b, [
      { id: 'b000000000000001', service: web, name: 'GET /cart', startMs: 0, durationMs: 400 },
      { id: 'b000000000000002', parent: 'b000000000000001', service: 'db', name: 'SELECT', startMs: 10, durationMs: 300 },
      { id: 'b000000000000003', parent: 'b000000000000001', service: 'auth', name: 'check', startMs: 320, durationMs: 30 },
    ]);
    // ids in other forms the lookup box takes: upper case, a traceparent
    const { status, body } = await getJson<CompareAnswer>(`/api/ui/compare?a=${a.toUpperCase()}&b=${encodeURIComponent(`00-${b}-b000000000000001-01`)}`);
    expect(status).toBe(200);
    expect(body.a).toMatchObject({ traceId: a, rootService: web, rootOperation: 'GET /cart', durationNs: String(100n * MS), spanCount: 4 });
    expect(body.b).toMatchObject({ traceId: b, spanCount: 3 });
    expect(table(body)).toEqual([
      [`${web}:GET /cart`, [1, 100], [1, 400]],
      [`${web}:GET /cart > db:SELECT`, [2, 40], [1, 300]],
      [`${web}:GET /cart > auth:check`, null, [1, 30]],
      [`${web}:GET /cart > cache:GET`, [1, 5], null],
    ]);
    // self time: the root minus its children's union
    expect(body.nodes[0].a!.selfNs).toBe(String(55n * MS));
    expect(body.nodes[0].b!.selfNs).toBe(String(70n * MS));
  });

  test('against the baseline: per node, the median over the latest traces with the same root', async () => {
    const web = `base-${randomHexId(3)}`;
    const trace = (dbMs: number, extra: boolean): Spec[] => [
      { id: 'c000000000000001', service: web, name: 'GET /', startMs: 0, durationMs: 500 },
      { id: 'c000000000000002', parent: 'c000000000000001', service: 'db', name: 'q', startMs: 1, durationMs: dbMs },
      ...(extra ? [{ id: 'c000000000000003', parent: 'c000000000000001', service: 'rare', name: 'x', startMs: 300, durationMs: 1 }] : []),
    ];
    for (const [i, ms] of [10, 50, 20, 40, 30].entries()) await send(randomHexId(16), trace(ms, i === 0), BigInt(Date.now() - 300_000 + i * 1000) * MS);
    const slow = randomHexId(16);
    await send(slow, trace(400, false));
    const { status, body } = await getJson<CompareAnswer>(`/api/ui/compare?a=${slow}&b=baseline`);
    expect(status).toBe(200);
    expect(body.b).toMatchObject({ baseline: true, traceCount: 5, rootService: web, rootOperation: 'GET /' });
    expect(table(body)).toEqual([[`${web}:GET / > db:q`, [1, 400], [1, 30]], [`${web}:GET /`, [1, 500], [1, 500]]]);
  });

  test('answers 404 naming the side that is not stored, 400 for what is no id, 404 for a baseline of a one-off root', async () => {
    const lone = randomHexId(16);
    await send(lone, [{ id: 'd000000000000001', service: `lone-${randomHexId(3)}`, name: 'once', startMs: 0, durationMs: 1 }]);
    expect(await getJson(`/api/ui/compare?a=${lone}&b=${randomHexId(16)}`)).toMatchObject({ status: 404, body: { error: { param: 'b' } } });
    expect(await getJson(`/api/ui/compare?a=nonsense!&b=${lone}`)).toMatchObject({ status: 400, body: { error: { param: 'a' } } });
    expect(await getJson(`/api/ui/compare?a=${lone}`)).toMatchObject({ status: 400, body: { error: { param: 'b' } } });
    expect(await getJson(`/api/ui/compare?a=${lone}&b=baseline`)).toMatchObject({ status: 404, body: { error: { param: 'b' } } });
  });

  test('two 10,000-span traces: one node per path, the changed subtree on top', async () => {
    const make = (slowLeaf: number): Spec[] =>
      Array.from({ length: 10_000 }, (_, i) => ({
        id: (i + 1).toString(16).padStart(16, '0'),
        parent: i === 0 ? undefined : Math.floor((i - 1) / 4 + 1).toString(16).padStart(16, '0'),
        service: `svc-${i % 4}`,
        name: i === slowLeaf ? 'slow' : `op-${i % 3}`,
        startMs: i * 0.001,
        durationMs: 10 + (i === slowLeaf ? 5000 : 0),
      }));
    const [a, b] = [randomHexId(16), randomHexId(16)];
    await send(a, make(-1));
    await send(b, make(9_999));
    const started = performance.now();
    const { status, body } = await getJson<CompareAnswer>(`/api/ui/compare?a=${a}&b=${b}`);
    const ms = performance.now() - started;
    expect(status).toBe(200);
    expect(body.a.spanCount).toBe(10_000);
    expect(body.nodes[0].path.at(-1)).toBe('svc-3:slow');
    expect(body.nodes[0].a).toBeNull();
    expect(BigInt(body.nodes[0].b!.totalNs)).toBe(5010n * MS);
    const counted = (side: 'a' | 'b') => body.nodes.reduce((n, node) => n + (node[side]?.count ?? 0), 0);
    expect([counted('a'), counted('b')]).toEqual([10_000, 10_000]);
    console.log(`compare of two 10,000-span traces: ${ms.toFixed(0)} ms`);
  });
});

describe('GET /api/ui/traces/{id}/links', () => {
  test('lists the links out of a trace and the spans of other traces linking into it, each named by the span on the other side when stored', async () => {
    const [target, producer, consumer] = [randomHexId(16), randomHexId(16), randomHexId(16)];
    const elsewhere = randomHexId(16);
    await send(target, [
      { id: 'e000000000000001', service: 'orders', name: 'place', startMs: 0, durationMs: 10, links: [{ traceId: elsewhere, spanId: 'f000000000000009' }] },
      { id: 'e000000000000002', parent: 'e000000000000001', service: 'orders', name: 'publish', startMs: 1, durationMs: 2 },
    ]);
    await send(producer, [{ id: 'e100000000000001', service: 'billing', name: 'bill', startMs: 5, durationMs: 3, links: [{ traceId: target, spanId: 'e000000000000002' }] }]);
    await send(consumer, [
      { id: 'e200000000000001', service: 'mail', name: 'batch', startMs: 6, durationMs: 3, links: [{ traceId: target, spanId: 'e000000000000001' }, { traceId: elsewhere, spanId: 'f000000000000001' }] },
    ]);
    const { status, body } = await getJson<TraceLinksAnswer>(`/api/ui/traces/${target}/links`);
    expect(status).toBe(200);
    expect(body.outgoing).toEqual([{ spanId: 'e000000000000001', traceId: elsewhere, linkedSpanId: 'f000000000000009' }]);
    expect(body.incoming).toEqual([
      { traceId: consumer, spanId: 'e200000000000001', linkedSpanId: 'e000000000000001', service: 'mail', operation: 'batch' },
      { traceId: producer, spanId: 'e100000000000001', linkedSpanId: 'e000000000000002', service: 'billing', operation: 'bill' },
    ]);
    expect(body.incomingTruncated).toBe(false);
    const fromConsumer = await getJson<TraceLinksAnswer>(`/api/ui/traces/${consumer}/links`);
    expect(fromConsumer.body).toEqual({
      outgoing: [
        { spanId: 'e200000000000001', traceId: target, linkedSpanId: 'e000000000000001', service: 'orders', operation: 'place' },
        { spanId: 'e200000000000001', traceId: elsewhere, linkedSpanId: 'f000000000000001' }, // never sent: no name
      ],
      incoming: [],
      incomingTruncated: false,
    });
  });

  test('a 10,000-span trace linked from one of its spans by another trace; 404 and 400 as for the trace', async () => {
    const [big, linker] = [randomHexId(16), randomHexId(16)];
    await send(big, Array.from({ length: 10_000 }, (_, i) => ({
      id: (i + 1).toString(16).padStart(16, '0'),
      parent: i === 0 ? undefined : '0000000000000001',
      service: 'big', name: `op-${i % 7}`, startMs: i * 0.01, durationMs: 1,
    })));
    await send(linker, [{ id: 'e300000000000001', service: 'later', name: 'replay', startMs: 200, durationMs: 1, links: [{ traceId: big, spanId: '0000000000002710' }] }]);
    const { status, body } = await getJson<TraceLinksAnswer>(`/api/ui/traces/${big}/links`);
    expect(status).toBe(200);
    expect(body).toEqual({ outgoing: [], incoming: [{ traceId: linker, spanId: 'e300000000000001', linkedSpanId: '0000000000002710', service: 'later', operation: 'replay' }], incomingTruncated: false });
    expect((await getJson(`/api/ui/traces/${randomHexId(16)}/links`)).status).toBe(404);
    expect(await getJson('/api/ui/traces/xyz/links')).toMatchObject({ status: 400, body: { error: { param: 'trace_id' } } });
  });
});
