import { describe, expect, it } from 'vitest';
import type { IngestHttpDeps, SpanSink } from '@/lib/ingest/ingest-deps';
import { otlpRequest, otlpSpan } from '@/lib/test/otlp-json-request';
import { handleOtlpHttp } from './handle-otlp-http';
import { otlpTypes } from './otlp-proto';

// OTLP/HTTP's answers, with a sink that records instead of a database.

const DAY_NS = 86_400_000_000_000n;
const nowNs = () => BigInt(Date.now()) * 1_000_000n;

const deps = (sink: SpanSink = { write: async () => {} }): IngestHttpDeps => ({ sink, retentionDays: 30, tokens: [], maxBodyBytes: 1 << 20 });

const post = (body: BodyInit, d: IngestHttpDeps, contentType = 'application/json') =>
  handleOtlpHttp(new Request('http://x/v1/traces', { method: 'POST', headers: { 'content-type': contentType }, body }), d);

const json = (startNs: bigint) =>
  JSON.stringify(otlpRequest('svc', [otlpSpan({ traceId: 'ab'.repeat(16), spanId: 'cd'.repeat(8), name: 'op', startNs })]));

const refusing = (code: string, message: string): SpanSink => ({ write: () => Promise.reject(Object.assign(new Error(message), { code })) });

describe('handleOtlpHttp', () => {
  it('reports a request whose spans are all outside the window as a partial success, not an error', async () => {
    const res = await post(json(nowNs() - 40n * DAY_NS), deps());
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(
      '{"partialSuccess":{"rejectedSpans":"1","errorMessage":"1 span(s) rejected: span cdcdcdcdcdcdcdcd: start time is older than the retention window of 30 days"}}',
    );
  });

  it('answers a full queue with 503, Retry-After 1 and a JSON google.rpc.Status', async () => {
    const res = await post(json(nowNs()), deps(refusing('overloaded', 'ingest queue is full; retry later')));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.text()).toBe('{"code":14,"message":"ingest queue is full; retry later"}');
  });

  it('answers shutdown in protobuf when the request was protobuf', async () => {
    const body = otlpTypes.ExportTraceServiceRequest.encode(otlpTypes.ExportTraceServiceRequest.fromObject({ resourceSpans: [] })).finish();
    const res = await post(new Uint8Array(body), deps(refusing('closed', 'server is shutting down')), 'application/x-protobuf');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    const status = otlpTypes.RpcStatus.toObject(otlpTypes.RpcStatus.decode(new Uint8Array(await res.arrayBuffer())));
    expect(status).toEqual({ code: 14, message: 'server is shutting down' });
  });

  it('answers a missing token with 401 and UNAUTHENTICATED, without Retry-After', async () => {
    const res = await post(json(nowNs()), { ...deps(), tokens: ['t'] });
    expect(res.status).toBe(401);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(await res.json()).toEqual({ code: 16, message: 'missing ingest token: send Authorization: Bearer <token> or x-api-key: <token>' });
  });
});
