import { expect, inject, test } from 'vitest';
import { otlpRequest, otlpSpan, postOtlpJson } from '@/lib/test/otlp-json-request';

// Spans of one trace that arrive in several requests, from several services, form one trace;
// a request an exporter retries (the same spans again) does not double the trace.

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');

const send = (service: string, spans: Record<string, unknown>[]) => postOtlpJson(otlpUrl, otlpRequest(service, spans));

test('three services, three requests, one trace; a retried request is not counted twice', async () => {
  const traceId = crypto.randomUUID().replaceAll('-', '');
  const t0 = BigInt(Date.now() - 1000) * 1_000_000n;
  const span = (spanId: string, parentSpanId: string | undefined, name: string, offsetMs: number, kind: number) =>
    otlpSpan({ traceId, spanId, parentSpanId, name, kind, startNs: t0 + BigInt(offsetMs) * 1_000_000n, durationNs: 10_000_000n });
  const frontend = [span('00000000000000f1', undefined, 'GET /checkout', 0, 2), span('00000000000000f2', '00000000000000f1', 'POST /pay', 1, 3)];
  expect((await send('asm-frontend', frontend)).status).toBe(200);
  expect((await send('asm-payments', [span('00000000000000a1', '00000000000000f2', 'POST /pay', 2, 2)])).status).toBe(200);
  expect((await send('asm-db', [span('00000000000000d1', '00000000000000a1', 'INSERT payment', 3, 3)])).status).toBe(200);
  expect((await send('asm-frontend', frontend)).status).toBe(200); // the exporter's retry

  const { data } = await (await fetch(`${baseUrl}/api/traces/${traceId}`)).json();
  const trace = data[0];
  expect(trace.spans.map((s: { operationName: string }) => s.operationName)).toEqual(['GET /checkout', 'POST /pay', 'POST /pay', 'INSERT payment']);
  const services = trace.spans.map((s: { processID: string }) => trace.processes[s.processID].serviceName);
  expect(services).toEqual(['asm-frontend', 'asm-frontend', 'asm-payments', 'asm-db']);
  const deps = await (await fetch(`${baseUrl}/api/dependencies?service=asm-payments`)).json();
  expect(deps.data).toEqual([
    { parent: 'asm-frontend', child: 'asm-payments', callCount: 1 },
    { parent: 'asm-payments', child: 'asm-db', callCount: 1 },
  ]);
  const summaries = await (
    await fetch(
      `${baseUrl}/api/v3/trace-summaries?query.serviceName=asm-db&query.startTimeMin=${new Date(Date.now() - 60_000).toISOString()}&query.startTimeMax=${new Date().toISOString()}`,
    )
  ).json();
  expect(summaries.summaries).toHaveLength(1);
  expect(summaries.summaries[0]).toMatchObject({ traceId, rootServiceName: 'asm-frontend', rootOperationName: 'GET /checkout', spanCount: 4 });
});

test('a service name with spaces and slashes round-trips through the operations route', async () => {
  const service = `asm svc/${Date.now()}`;
  await send(service, [otlpSpan({ traceId: crypto.randomUUID().replaceAll('-', ''), spanId: '0000000000000abc', name: 'op one' })]);
  const res = await (await fetch(`${baseUrl}/api/services/${encodeURIComponent(service)}/operations`)).json();
  expect(res.data).toEqual(['op one']);
});

test('a span id stored twice with different content is one span, the first read, in every API and the trace page', async () => {
  const traceId = crypto.randomUUID().replaceAll('-', '');
  const t0 = BigInt(Date.now() - 1000) * 1_000_000n;
  const root = otlpSpan({ traceId, spanId: '00000000000000e1', name: 'root', startNs: t0, durationNs: 10_000_000n });
  const first = otlpSpan({ traceId, spanId: '00000000000000e2', parentSpanId: '00000000000000e1', name: 'first', startNs: t0 + 1_000_000n });
  const again = otlpSpan({ traceId, spanId: '00000000000000e2', parentSpanId: '00000000000000e1', name: 'again', kind: 3, startNs: t0 + 2_000_000n });
  expect((await send('asm-dup', [root, first])).status).toBe(200);
  expect((await send('asm-dup', [again])).status).toBe(200);

  const v1 = (await (await fetch(`${baseUrl}/api/traces/${traceId}`)).json()).data[0];
  expect(v1.spans.map((s: { operationName: string }) => s.operationName)).toEqual(['root', 'first']);
  const v3 = (await (await fetch(`${baseUrl}/api/v3/traces/${traceId}`)).json()).result;
  expect(v3.resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans.map((s: { name: string }) => s.name)))).toEqual(['root', 'first']);
  const page = await (await fetch(`${baseUrl}/api/ui/traces/${traceId}`)).json();
  expect(page.spans.map((s: { n: number }) => page.strings[s.n])).toEqual(['root', 'first']);
});
