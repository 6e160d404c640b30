// Zipkin's span model v2 (openzipkin/zipkin-api zipkin2-api.yaml), as its JSON names it. The proto3
// ListOfSpans and the v1 JSON model are converted to this shape before mapping to SpanRecords.
// Values are `unknown` where JSON may send anything: to-span-records.ts checks each one.

export type Endpoint = { serviceName?: unknown; ipv4?: unknown; ipv6?: unknown; port?: unknown };

export type Annotation = { timestamp?: unknown; value?: unknown };

export type ZipkinSpan = {
  traceId?: unknown;
  parentId?: unknown;
  id?: unknown;
  kind?: unknown;
  name?: unknown;
  /** epoch µs */
  timestamp?: unknown;
  /** µs */
  duration?: unknown;
  localEndpoint?: unknown;
  remoteEndpoint?: unknown;
  annotations?: unknown;
  tags?: unknown;
  debug?: unknown;
  shared?: unknown;
};
