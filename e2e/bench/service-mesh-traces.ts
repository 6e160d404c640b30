import { randomBytes } from 'node:crypto';
import { toOtlpRequest, type SpanSpec } from '@/e2e/support/otlp-trace';

// A store for the services page benchmark: `traces` traces of 30 spans each over 25 services
// (svc-00 the gateway every trace enters by), spread over the last `spreadMs`. Each trace is the
// gateway's server span and its own internal work, then 9 calls, each from a service already in
// the trace to another (a client span, the callee's server span and its internal work), 2% of
// server spans failing: the entry spans, operations, dependencies and error rates the page shows.

export const SERVICES = 25;
export const SPANS_PER_TRACE = 30;

/** A deterministic pseudo-random sequence (mulberry32), so every run ingests the same store. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

const name = (i: number) => `svc-${String(i).padStart(2, '0')}`;

const meshTrace = (next: () => number): SpanSpec[] => {
  let id = 0;
  const spanId = () => (++id).toString(16).padStart(16, '0');
  const rootId = spanId();
  const spans: SpanSpec[] = [
    { spanId: rootId, service: name(0), name: `GET /route-${Math.floor(next() * 6)}`, kind: 2, startMs: 0, durationMs: 200 + next() * 300, error: next() < 0.02 ? 'failed' : undefined },
  ];
  spans.push({ spanId: spanId(), parentSpanId: rootId, service: name(0), name: 'render', kind: 1, startMs: 1, durationMs: 5 });
  const servers = [spans[0]];
  for (let hop = 0; hop < 9; hop++) {
    const caller = servers[Math.floor(next() * servers.length)];
    const callee = name(1 + Math.floor(next() * (SERVICES - 1)));
    const start = caller.startMs + 2 + hop * 3;
    const clientId = spanId();
    const serverId = spanId();
    const duration = 10 + next() * 120;
    spans.push({ spanId: clientId, parentSpanId: caller.spanId, service: caller.service, name: `call ${callee}`, kind: 3, startMs: start, durationMs: duration + 2 });
    const server: SpanSpec = { spanId: serverId, parentSpanId: clientId, service: callee, name: `rpc-${Math.floor(next() * 4)}`, kind: 2, startMs: start + 1, durationMs: duration, error: next() < 0.02 ? 'failed' : undefined };
    spans.push(server);
    spans.push({ spanId: spanId(), parentSpanId: serverId, service: callee, name: 'SELECT', kind: 1, startMs: start + 2, durationMs: duration / 2 });
    servers.push(server);
  }
  spans.push({ spanId: spanId(), parentSpanId: rootId, service: name(0), name: 'respond', kind: 1, startMs: 190, durationMs: 3 });
  return spans;
};

/** POSTs the mesh through /v1/traces in requests of ~2,000 spans; resolves with the spans sent. */
export const ingestServiceMesh = async (baseUrl: string, traces: number, spreadMs = 55 * 60_000): Promise<number> => {
  const next = random(42);
  const now = Date.now();
  let sent = 0;
  const perRequest = Math.floor(2000 / SPANS_PER_TRACE);
  for (let i = 0; i < traces; i += perRequest) {
    const resourceSpans = [];
    for (let j = i; j < Math.min(traces, i + perRequest); j++) {
      const spans = meshTrace(next);
      sent += spans.length;
      resourceSpans.push(...toOtlpRequest(randomBytes(16).toString('hex'), spans, now - spreadMs + (j / traces) * spreadMs).resourceSpans);
    }
    const res = await fetch(`${baseUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ resourceSpans }) });
    if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  }
  return sent;
};
