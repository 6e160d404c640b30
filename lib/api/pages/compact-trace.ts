import type { EncodedAttributes } from '@/lib/model/attribute-value';

// The trace as the UI endpoint sends it (GET /api/ui/traces/{id}). Repeated strings (service,
// operation, scope names) are dictionary-encoded and times are microseconds relative to the
// trace start, so a 100,000-span trace stays small to send and quick to parse. Attributes keep
// the stored typed encoding (lib/model/attribute-value.ts) so the detail panel can show types.

/** A resource: service name (index into `strings`), attributes, schema URL. */
export type CompactResource = { s: number; a: EncodedAttributes; u?: string };
/** An instrumentation scope: name and version (indexes into `strings`), attributes. */
export type CompactScope = { n: number; v: number; a?: EncodedAttributes };
/** An event: time (µs from trace start), name, attributes. */
export type CompactEvent = { t: number; n: string; a?: EncodedAttributes };
/** A link: trace id, span id, attributes, trace state. */
export type CompactLink = { t: string; s: string; a?: EncodedAttributes; ts?: string };

export type CompactSpan = {
  /** span id, 16 lower-case hex */
  i: string;
  /** parent span id, omitted for a root */
  p?: string;
  /** operation name, index into `strings` */
  n: number;
  /** SpanKind number */
  k: number;
  /** resource index */
  r: number;
  /** scope index */
  c: number;
  /** start, µs from trace start (fractional: ns precision) */
  s: number;
  /** duration, µs */
  d: number;
  /** StatusCode number, omitted when UNSET */
  st?: number;
  /** status message */
  sm?: string;
  a: EncodedAttributes;
  e?: CompactEvent[];
  l?: CompactLink[];
  /** trace state */
  ts?: string;
};

export type CompactTrace = {
  traceId: string;
  /** trace start, unix µs (below 2^53) */
  startUs: number;
  /** trace start, unix ns as decimal, for exact display */
  startNs: string;
  strings: string[];
  resources: CompactResource[];
  scopes: CompactScope[];
  spans: CompactSpan[];
};

/** Response header of GET /api/ui/traces/{id}: the number of spans in the body. */
export const SPAN_COUNT_HEADER = 'x-span-count';
