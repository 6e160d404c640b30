import { expect, inject, test } from 'vitest';
import { otlpRequest, otlpSpan, postOtlpJson, randomHexId } from '@/lib/test/otlp-json-request';

// `event=<name>` as a tag finds the spans with an event of that name (a Jaeger log's `event`
// field), as Jaeger's storage backends index it: in /api/traces and the search page.

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');

test('a search for event=<name> finds the trace whose span has that event, and only it', async () => {
  const service = `event-search-${randomHexId(4)}`;
  const [hit, miss] = [randomHexId(16), randomHexId(16)];
  const t0 = BigInt(Date.now() - 2_000) * 1_000_000n;
  const event = (name: string) => ({ events: [{ name, timeUnixNano: String(t0 + 1000n) }] });
  const spans = [
    otlpSpan({ traceId: hit, spanId: randomHexId(8), name: 'load', startNs: t0, durationNs: 5_000n, ...event('cache miss') }),
    otlpSpan({ traceId: miss, spanId: randomHexId(8), name: 'load', startNs: t0, durationNs: 5_000n, ...event('cache hit') }),
  ];
  expect((await postOtlpJson(otlpUrl, otlpRequest(service, spans))).status).toBe(200);
  const jaeger = async () =>
    (await (await fetch(`${baseUrl}/api/traces?service=${service}&lookback=1h&tags=${encodeURIComponent('{"event":"cache miss"}')}`)).json()).data;
  let found: { traceID: string }[] = [];
  for (let i = 0; i < 50 && found.length === 0; i++) {
    found = await jaeger();
    if (found.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
  expect(found.map((t) => t.traceID)).toEqual([hit]);
  const ui = await (await fetch(`${baseUrl}/api/ui/search?service=${service}&lookback=1h&tags=${encodeURIComponent('event="cache miss"')}`)).json();
  expect(ui.traces.map((t: { traceId: string }) => t.traceId)).toEqual([hit]);
});
