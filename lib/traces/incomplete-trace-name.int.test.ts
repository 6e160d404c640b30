import { expect, inject, test } from 'vitest';
import { buildTrace } from '@/lib/view/trace/build-trace';
import { otlpRequest, otlpSpan, postOtlpJson, randomHexId } from '@/lib/test/otlp-json-request';

// A trace whose root never arrived is named as jaeger-ui names it (the earliest span whose parent
// is absent; the earliest span only when there is none), the same in the stored summaries (api_v3
// trace summaries, the search page's results) and on the trace page (its answer, built as the
// page builds it).

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');

test('an incomplete trace has one name in the summaries, the search results and the trace page', async () => {
  const traceId = randomHexId(16);
  const service = `incomplete-${randomHexId(4)}`;
  const t0 = BigInt(Date.now() - 5_000) * 1_000_000n;
  const [missing, entry, early] = [randomHexId(8), randomHexId(8), randomHexId(8)];
  // `early` starts first (clock skew) but its parent `entry` is here; `entry`'s parent never arrived
  const spans = [
    otlpSpan({ traceId, spanId: early, parentSpanId: entry, name: 'skewed child', startNs: t0, durationNs: 1_000_000n }),
    otlpSpan({ traceId, spanId: entry, parentSpanId: missing, name: 'GET /orders', kind: 2, startNs: t0 + 2_000_000n, durationNs: 10_000_000n }),
  ];
  expect((await postOtlpJson(otlpUrl, otlpRequest(service, spans))).status).toBe(200);

  const window = `query.startTimeMin=${new Date(Date.now() - 600_000).toISOString()}&query.startTimeMax=${new Date(Date.now() + 60_000).toISOString()}`;
  let summary: { rootOperationName: string; rootServiceName: string } | undefined;
  for (let i = 0; i < 50 && !summary; i++) {
    const { summaries } = await (await fetch(`${baseUrl}/api/v3/trace-summaries?query.serviceName=${service}&${window}`)).json();
    summary = summaries.find((s: { traceId: string }) => s.traceId === traceId);
    if (!summary) await new Promise((r) => setTimeout(r, 100));
  }
  expect(summary).toMatchObject({ rootServiceName: service, rootOperationName: 'GET /orders' });

  const search = await (await fetch(`${baseUrl}/api/ui/search?service=${service}&lookback=1h`)).json();
  expect(search.traces.find((t: { traceId: string }) => t.traceId === traceId)).toMatchObject({ rootServiceName: service, rootOperationName: 'GET /orders' });

  const page = buildTrace(await (await fetch(`${baseUrl}/api/ui/traces/${traceId}`)).json());
  expect([page.root?.serviceName, page.root?.name]).toEqual([service, 'GET /orders']);
});
