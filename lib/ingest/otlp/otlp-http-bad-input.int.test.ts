import { gzipSync } from 'node:zlib';
import { describe, expect, inject, test } from 'vitest';
import { otlpRequest as request, otlpSpan, randomHexId as randomHex } from '@/lib/test/otlp-json-request';
import { otlpTypes } from './otlp-proto';

// Bad input to POST /v1/traces gets a clear error in the protocol the client speaks (OTLP/HTTP:
// google.rpc.Status in the request's encoding), nothing of a bad request is stored, the valid
// spans of a partly bad request are, and the server keeps serving.

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');
const MAX_BODY = 4 * 1024 * 1024; // INGEST_MAX_BODY_BYTES of the test server (global-setup.ts)

const post = (body: BodyInit, headers: Record<string, string>) => fetch(`${otlpUrl}/v1/traces`, { method: 'POST', body, headers });

const nowNs = () => BigInt(Date.now()) * 1_000_000n;

const span = (traceId: string, spanId: string, name = 'op', startNs = nowNs()) => otlpSpan({ traceId, spanId, name, startNs, durationNs: 1_000_000n });

const storedSpanCount = async (service: string) => {
  const end = Date.now() * 1000 + 60_000_000;
  const res = await fetch(`${baseUrl}/api/traces?service=${service}&start=${end - 7_200_000_000}&end=${end}`);
  const body = await res.json();
  return (body.data ?? []).reduce((n: number, t: { spans: unknown[] }) => n + t.spans.length, 0);
};

const expectServerUp = async () => expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);

describe('POST /v1/traces with bad input', () => {
  test('garbage protobuf: 400 with a protobuf google.rpc.Status saying it cannot decode', async () => {
    const res = await post(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02]), { 'content-type': 'application/x-protobuf' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    const status = otlpTypes.RpcStatus.toObject(otlpTypes.RpcStatus.decode(new Uint8Array(await res.arrayBuffer()))) as {
      code: number;
      message: string;
    };
    expect(status.code).toBe(3); // INVALID_ARGUMENT
    expect(status.message).toMatch(/cannot decode OTLP protobuf request/);
    await expectServerUp();
  });

  test('broken JSON: 400 with a JSON status naming the problem', async () => {
    const res = await post('{"resourceSpans": [', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe(3);
    expect(body.message).toMatch(/cannot decode OTLP json request/);
  });

  test('JSON of the wrong shape: 400 naming the field', async () => {
    const res = await post(JSON.stringify({ resourceSpans: { not: 'a list' } }), { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/resourceSpans/);
  });

  test('another media type: 415 naming the accepted ones', async () => {
    const res = await post('hello', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect((await res.json()).message).toMatch(/application\/x-protobuf or application\/json/);
  });

  test('an unknown Content-Encoding: 415', async () => {
    const res = await post('{}', { 'content-type': 'application/json', 'content-encoding': 'br' });
    expect(res.status).toBe(415);
    expect((await res.json()).message).toMatch(/Content-Encoding "br"/);
  });

  test('corrupt gzip: 400', async () => {
    const res = await post(new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/not valid gzip/);
  });

  test('a body over the limit: 413, and nothing of it is stored', async () => {
    const service = `oversize-${randomHex(4)}`;
    const traceId = randomHex(16);
    const spans = Array.from({ length: 20_000 }, (_, i) => ({ ...span(traceId, randomHex(8)), name: `op-${i}-${'x'.repeat(200)}` }));
    const body = JSON.stringify(request(service, spans));
    expect(body.length).toBeGreaterThan(MAX_BODY);
    const res = await post(body, { 'content-type': 'application/json' });
    expect(res.status).toBe(413);
    expect((await res.json()).message).toMatch(/exceeds 4194304 bytes/);
    // the same body gzipped is small on the wire but over the limit once inflated: still 413
    const gz = await post(gzipSync(body), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(gz.status).toBe(413);
    expect(await storedSpanCount(service)).toBe(0);
    await expectServerUp();
  });

  test('invalid ids are rejected as a partial success naming them, and the valid spans are stored', async () => {
    const service = `badids-${randomHex(4)}`;
    const good = randomHex(16);
    const res = await post(
      JSON.stringify(
        request(service, [
          span(good, randomHex(8), 'good'),
          span('0'.repeat(32), randomHex(8), 'zero-trace'),
          span(randomHex(16), randomHex(4), 'short-span'),
          span(randomHex(16), randomHex(8), 'ancient', nowNs() - 40n * 86_400_000_000_000n),
        ]),
      ),
      { 'content-type': 'application/json' },
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.partialSuccess.rejectedSpans).toBe('3');
    expect(body.partialSuccess.errorMessage).toMatch(/all zero/);
    expect(body.partialSuccess.errorMessage).toMatch(/span id must be 8 bytes/);
    expect(body.partialSuccess.errorMessage).toMatch(/older than the retention window of 30 days/);
    expect(await storedSpanCount(service)).toBe(1);
    const trace = await (await fetch(`${baseUrl}/api/traces/${good}`)).json();
    expect(trace.data[0].spans.map((s: { operationName: string }) => s.operationName)).toEqual(['good']);
  });

  test('protobuf partial success comes back as a protobuf ExportTraceServiceResponse', async () => {
    const message = otlpTypes.ExportTraceServiceRequest.fromObject({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: `pb-partial-${randomHex(4)}` } }] },
          scopeSpans: [
            {
              spans: [
                { traceId: Buffer.alloc(16), spanId: Buffer.from(randomHex(8), 'hex'), name: 'x', startTimeUnixNano: 1, endTimeUnixNano: 2 },
              ],
            },
          ],
        },
      ],
    });
    const res = await post(Buffer.from(otlpTypes.ExportTraceServiceRequest.encode(message).finish()), { 'content-type': 'application/x-protobuf' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    const decoded = otlpTypes.ExportTraceServiceResponse.toObject(
      otlpTypes.ExportTraceServiceResponse.decode(new Uint8Array(await res.arrayBuffer())),
      { longs: String },
    ) as { partialSuccess: { rejectedSpans: string; errorMessage: string } };
    expect(decoded.partialSuccess.rejectedSpans).toBe('1');
    expect(decoded.partialSuccess.errorMessage).toMatch(/trace id/);
  });

  test('the OTLP port serves only /v1/traces', async () => {
    expect((await fetch(`${otlpUrl}/api/services`)).status).toBe(404);
  });

  test('gzip JSON on the main port is accepted too', async () => {
    const service = `gzip-main-${randomHex(4)}`;
    const res = await fetch(`${baseUrl}/v1/traces`, {
      method: 'POST',
      body: gzipSync(JSON.stringify(request(service, [span(randomHex(16), randomHex(8))]))),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(await storedSpanCount(service)).toBe(1);
  });
});
