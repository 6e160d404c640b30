import { beforeAll, expect, inject, test } from 'vitest';
import { SpanKind } from '@/lib/model/span-record';
import { otlpRequest, otlpSpan, postOtlpJson, randomHexId } from '@/lib/test/otlp-json-request';

// An exporter whose acknowledgement was lost (a timeout, a reset) sends the same batch again:
// both copies are committed. The one duplicate rule (lib/model/duplicate-spans.ts) must make
// every answer count each span once: the trace (v1, api_v3, the UI's), the search hits and their
// span counts, the trace statistics, the service metrics and the dependency graph.

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');
const run = randomHexId(4);
const front = `retry-front-${run}`;
const back = `retry-back-${run}`;
const traceId = randomHexId(16);
const [rootId, clientId, serverId, leafId] = [randomHexId(8), randomHexId(8), randomHexId(8), randomHexId(8)];
const MS = 1_000_000n;
const t0 = BigInt(Date.now() - 60_000) * MS;

// front: SERVER root → CLIENT call; back: SERVER (child of the call) → INTERNAL leaf. Two requests
// (one per service), each sent twice.
const frontBatch = otlpRequest(front, [
  otlpSpan({ traceId, spanId: rootId, name: 'GET /checkout', kind: SpanKind.SERVER, startNs: t0, durationNs: 50n * MS }),
  otlpSpan({ traceId, spanId: clientId, parentSpanId: rootId, name: 'call back', kind: SpanKind.CLIENT, startNs: t0 + 5n * MS, durationNs: 30n * MS }),
]);
const backBatch = otlpRequest(back, [
  otlpSpan({ traceId, spanId: serverId, parentSpanId: clientId, name: 'POST /pay', kind: SpanKind.SERVER, startNs: t0 + 6n * MS, durationNs: 28n * MS }),
  otlpSpan({ traceId, spanId: leafId, parentSpanId: serverId, name: 'charge', kind: SpanKind.INTERNAL, startNs: t0 + 7n * MS, durationNs: 20n * MS }),
]);

beforeAll(async () => {
  for (const batch of [frontBatch, backBatch, frontBatch, backBatch]) expect((await postOtlpJson(otlpUrl, batch)).status).toBe(200);
});

test('the trace reads show each span once', async () => {
  const v1 = (await (await fetch(`${baseUrl}/api/traces/${traceId}`)).json()) as { data: { spans: { spanID: string }[] }[] };
  expect(v1.data[0].spans.map((s) => s.spanID).sort()).toEqual([rootId, clientId, serverId, leafId].sort());
  const ui = (await (await fetch(`${baseUrl}/api/ui/traces/${traceId}`)).json()) as { spans: unknown[] };
  expect(ui.spans).toHaveLength(4);
  const v3 = (await (await fetch(`${baseUrl}/api/v3/traces/${traceId}`)).json()) as {
    result: { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] };
  };
  expect(v3.result.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans))).toHaveLength(4);
  const stats = (await (await fetch(`${baseUrl}/api/ui/traces/${traceId}/stats`)).json()) as { rows: { count: number }[] };
  expect(stats.rows.reduce((n, r) => n + r.count, 0)).toBe(4);
});

test('the search hits and summaries count each span once', async () => {
  const hits = (await (await fetch(`${baseUrl}/api/ui/search?service=${front}&lookback=1h&limit=20`)).json()) as {
    traces: { traceId: string; spanCount: number; services: { name: string; spanCount: number }[] }[];
    total: number;
  };
  expect(hits.total).toBe(1);
  expect(hits.traces[0].spanCount).toBe(4);
  expect(hits.traces[0].services.map((s) => [s.name, s.spanCount])).toEqual([
    [front, 2],
    [back, 2],
  ].sort(([a], [b]) => String(a).localeCompare(String(b))));
  const params = new URLSearchParams({
    'query.serviceName': back,
    'query.startTimeMin': new Date(Date.now() - 3_600_000).toISOString(),
    'query.startTimeMax': new Date(Date.now() + 60_000).toISOString(),
  });
  const v3 = (await (await fetch(`${baseUrl}/api/v3/trace-summaries?${params}`)).json()) as { traceSummaries?: { spanCount: number }[]; summaries?: { spanCount: number }[] };
  const list = v3.traceSummaries ?? v3.summaries ?? [];
  expect(list.map((s) => s.spanCount)).toEqual([4]);
});

test('the service metrics and the dependency graph count each request and call once', async () => {
  const metrics = (await (await fetch(`${baseUrl}/api/ui/service-metrics?window=1h`)).json()) as { services: { service: string; requests: number }[] };
  const requests = Object.fromEntries(metrics.services.filter((s) => s.service === front || s.service === back).map((s) => [s.service, s.requests]));
  expect(requests).toEqual({ [front]: 1, [back]: 1 });
  const deps = (await (await fetch(`${baseUrl}/api/dependencies?endTs=${Date.now()}&lookback=3600000`)).json()) as { data: { parent: string; child: string; callCount: number }[] };
  expect(deps.data.filter((d) => d.parent === front || d.child === back)).toEqual([{ parent: front, child: back, callCount: 1 }]);
});
