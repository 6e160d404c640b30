import type { EncodedAttributes } from './attribute-value';

/** OTLP Span.SpanKind, numbered as the spec numbers it. */
export const SpanKind = { UNSPECIFIED: 0, INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;
export type SpanKind = (typeof SpanKind)[keyof typeof SpanKind];

/** OTLP Status.StatusCode. */
export const StatusCode = { UNSET: 0, OK: 1, ERROR: 2 } as const;
export type StatusCode = (typeof StatusCode)[keyof typeof StatusCode];

/** The resource a span came from; shared (same object) by all spans of one ResourceSpans. */
export type ResourceRecord = {
  serviceName: string;
  attributes: EncodedAttributes;
  droppedAttributesCount: number;
  schemaUrl: string;
};

/** The instrumentation scope a span came from; shared by all spans of one ScopeSpans. */
export type ScopeRecord = {
  name: string;
  version: string;
  attributes: EncodedAttributes;
  droppedAttributesCount: number;
  schemaUrl: string;
};

/** A span event, stored compactly inside the span row (keys kept short: they are stored per event). */
export type StoredEvent = {
  /** time, unix nanoseconds as a decimal string (exceeds 2^53) */
  t: string;
  /** name */
  n: string;
  /** attributes, omitted when empty */
  a?: EncodedAttributes;
  /** dropped attributes count, omitted when 0 */
  d?: number;
};

/** A span link, stored compactly inside the span row. */
export type StoredLink = {
  /** trace id, 32 lower-case hex */
  t: string;
  /** span id, 16 lower-case hex */
  s: string;
  /** trace state, omitted when empty */
  ts?: string;
  a?: EncodedAttributes;
  d?: number;
  /** W3C flags, omitted when 0 */
  f?: number;
};

/**
 * One span, normalized: the shape every ingest format converges on and the shape the store
 * gives back. Ids are lower-case hex; times are unix nanoseconds.
 */
export type SpanRecord = {
  traceId: string;
  spanId: string;
  /** '' for a root span */
  parentSpanId: string;
  name: string;
  kind: SpanKind;
  startNs: bigint;
  endNs: bigint;
  statusCode: StatusCode;
  statusMessage: string;
  traceState: string;
  flags: number;
  attributes: EncodedAttributes;
  droppedAttributesCount: number;
  events: StoredEvent[];
  droppedEventsCount: number;
  links: StoredLink[];
  droppedLinksCount: number;
  resource: ResourceRecord;
  scope: ScopeRecord;
  /** the store's row ids of `resource` and `scope`, on spans read back; absent on records fresh from ingest */
  resourceId?: number;
  scopeId?: number;
};

/** A span the ingest refused, with the reason a client is told. */
export type RejectedSpan = { reason: string };

/** The result of turning one request into records. */
export type DecodedBatch = { records: SpanRecord[]; rejected: RejectedSpan[] };
