import { describe, expect, it } from 'vitest';
import type { SpanRecord } from '@/lib/model/span-record';
import type { IngestHttpDeps, SpanSink } from './ingest-deps';
import { handleZipkinV2 } from './zipkin/handle-zipkin-http';

// The plain-text ingest answers (Jaeger HTTP and Zipkin share them), with a sink that records
// instead of a database.

const DAY_US = 86_400_000_000;
const nowUs = () => Date.now() * 1000;

const zipkinSpan = (id: string, timestamp = nowUs()) => ({ traceId: 'ab'.repeat(16), id, name: 'op', timestamp, duration: 10, localEndpoint: { serviceName: 'svc' } });

const deps = (sink: SpanSink = { write: async () => {} }, over: Partial<IngestHttpDeps> = {}): IngestHttpDeps => ({
  sink,
  retentionDays: 30,
  tokens: [],
  maxBodyBytes: 1 << 20,
  ...over,
});

const post = (body: unknown, d: IngestHttpDeps, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  handleZipkinV2(new Request('http://x/api/v2/spans', { method: 'POST', headers, body: JSON.stringify(body) }), d);

describe('handleSpanPost', () => {
  it('stores the spans it can and names the others in the 202', async () => {
    const written: SpanRecord[][] = [];
    const res = await post([zipkinSpan('00000000000000a1'), zipkinSpan('00000000000000a2', nowUs() - 40 * DAY_US)], deps({ write: async (r) => void written.push(r) }));
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('1 span(s) rejected: span 00000000000000a2: start time is older than the retention window of 30 days\n');
    expect(written.flat().map((r) => r.spanId)).toEqual(['00000000000000a1']);
  });

  it('answers 400 when every span is outside the retention window, as when the decoder refused them all', async () => {
    const old = await post([zipkinSpan('00000000000000a1', nowUs() - 40 * DAY_US)], deps());
    expect(old.status).toBe(400);
    expect(await old.text()).toMatch(/^1 span\(s\) rejected: span 00000000000000a1: start time is older than the retention window of 30 days/);
    const undecodable = await post([{ ...zipkinSpan('00000000000000a1'), timestamp: undefined }], deps());
    expect(undecodable.status).toBe(400);
    expect(await undecodable.text()).toMatch(/^1 span\(s\) rejected: spans\[0\] .*timestamp is missing/);
  });

  it('answers 202 with an empty body for a request with no spans', async () => {
    const res = await post([], deps());
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
  });

  it('answers 503 with Retry-After when the sink is full', async () => {
    const full = { write: () => Promise.reject(Object.assign(new Error('ingest queue is full; retry later'), { code: 'overloaded' })) };
    const res = await post([zipkinSpan('00000000000000a1')], deps(full));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.text()).toBe('ingest queue is full; retry later\n');
  });

  it('answers 401 with WWW-Authenticate without a token, and 415 for another media type', async () => {
    const locked = await post([zipkinSpan('00000000000000a1')], deps(undefined, { tokens: ['t'] }));
    expect(locked.status).toBe(401);
    expect(locked.headers.get('www-authenticate')).toBe('Bearer');
    expect(locked.headers.get('retry-after')).toBeNull();
    const other = await post([], deps(), { 'content-type': 'text/plain' });
    expect(other.status).toBe(415);
    expect(await other.text()).toBe('unsupported Content-Type "text/plain" for Zipkin v2 spans; send application/json or application/x-protobuf or application/protobuf\n');
  });
});
