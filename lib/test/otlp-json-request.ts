// Builders for OTLP/JSON ingest requests in tests: one service's spans in one request, as an
// SDK sends them, and a span with sensible defaults. Tests send them through the real endpoint.

export type OtlpJsonSpan = Record<string, unknown>;

/** An ExportTraceServiceRequest (OTLP/JSON) carrying `spans` from one service. */
export const otlpRequest = (service: string, spans: OtlpJsonSpan[]) => ({
  resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ scope: {}, spans }] }],
});

export type SpanOptions = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name?: string;
  startNs?: bigint;
  durationNs?: bigint;
} & Record<string, unknown>;

/** One OTLP/JSON span; start defaults to now, duration to 1 µs. */
export const otlpSpan = ({ traceId, spanId, name = 'op', startNs = BigInt(Date.now()) * 1_000_000n, durationNs = 1000n, ...rest }: SpanOptions): OtlpJsonSpan => ({
  traceId,
  spanId,
  name,
  startTimeUnixNano: String(startNs),
  endTimeUnixNano: String(startNs + durationNs),
  ...rest,
});

/** POSTs an OTLP/JSON document to `${url}/v1/traces`. */
export const postOtlpJson = (url: string, doc: unknown) =>
  fetch(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(doc) });

/** A random lower-case hex id of `bytes` bytes. */
export const randomHexId = (bytes: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
