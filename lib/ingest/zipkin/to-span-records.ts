import { encodeInt, type EncodedAttributes } from '@/lib/model/attribute-value';
import { describeType, MAX_INT64, SERVICE_NAME, setAttribute, spanKindOfWord, toStorableText, UNKNOWN_SERVICE } from '@/lib/model/conventions';
import { SpanKind, type DecodedBatch, type ResourceRecord, type ScopeRecord, type SpanRecord, type StoredEvent } from '@/lib/model/span-record';
import { takeScope, takeStringTag, takeZipkinStatus } from '@/lib/model/tag-conventions';
import { usToNs } from '@/lib/model/units';
import type { Endpoint, ZipkinSpan } from './wire-types';

// Zipkin v2 spans → what they mean in OTLP terms (after the OpenTelemetry Collector's Zipkin
// receiver, pkg/translator/zipkin/zipkinv2/to_translator.go):
//  - 64- or 128-bit ids, left-padded to 16/32 hex; µs → ns;
//  - kind CLIENT/SERVER/PRODUCER/CONSUMER; absent kind is Zipkin's local span → INTERNAL;
//  - localEndpoint.serviceName → resource `service.name` (its address and port →
//    `network.local.address` / `network.local.port` on the resource);
//  - remoteEndpoint → `peer.service`, `network.peer.address`, `network.peer.port`;
//  - annotations → events; tags → string attributes, except `otel.status_code`,
//    `otel.status_description` and `error` (→ status; Zipkin's `error` tag holds the message),
//    `otel.scope.*` / `otel.library.*` (→ scope) and `otel.dropped_*_count` (→ dropped counts);
//  - `shared: true` spans keep their id and parent as sent, with the attribute `zipkin.shared: true`.
//    Whether a server span is really the other half of a client span with its id is only known
//    once both are stored (they may come in separate requests), so that is decided when traces are
//    read (lib/model/duplicate-spans.ts), as jaeger-query's span-id deduper does.

class SpanError extends Error {}

const HEX_RE = /^[0-9a-f]+$/i;

/** Zipkin's kind field names four kinds; a span without one is a local span. */
const readKind = (v: unknown): SpanKind => {
  if (v == null) return SpanKind.INTERNAL;
  const word = readText(v, 'kind');
  const kind = spanKindOfWord(word);
  if (kind === undefined || kind === SpanKind.UNSPECIFIED || kind === SpanKind.INTERNAL) {
    throw new SpanError(`kind: expected CLIENT, SERVER, PRODUCER or CONSUMER, got ${JSON.stringify(word.toUpperCase())}`);
  }
  return kind;
};

const readId = (v: unknown, field: string, width: 16 | 32, required: boolean): string => {
  if (v == null || v === '') {
    if (required) throw new SpanError(`${field} is missing`);
    return '';
  }
  if (typeof v !== 'string') throw new SpanError(`${field}: expected a hex string, got ${describeType(v)}`);
  const max = width === 32 ? 32 : 16;
  if (v.length > max || !HEX_RE.test(v)) throw new SpanError(`${field}: expected up to ${max} hex characters, got ${JSON.stringify(v.slice(0, 40))}`);
  const padded = v.toLowerCase().padStart(width, '0');
  if (/^0+$/.test(padded)) {
    if (required) throw new SpanError(`${field} is all zeros`);
    return '';
  }
  return padded;
};

const readMicros = (v: unknown, field: string): bigint | undefined => {
  if (v == null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return BigInt(Math.round(v));
  if (typeof v === 'string' && /^\d{1,19}$/.test(v)) return BigInt(v);
  throw new SpanError(`${field}: expected microseconds as a non-negative number, got ${describeType(v)}`);
};

const readText = (v: unknown, field: string): string => {
  if (v == null) return '';
  if (typeof v === 'string') return toStorableText(v);
  throw new SpanError(`${field}: expected a string, got ${describeType(v)}`);
};

const readEndpoint = (v: unknown, field: string): Endpoint | undefined => {
  if (v == null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new SpanError(`${field}: expected an object, got ${describeType(v)}`);
  return v as Endpoint;
};

const readPort = (v: unknown, field: string): number | undefined => {
  if (v == null || v === 0) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 65535) return v;
  throw new SpanError(`${field}: expected a port number, got ${JSON.stringify(v)}`);
};

const readTags = (v: unknown): Record<string, string> => {
  if (v == null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new SpanError(`tags: expected an object, got ${describeType(v)}`);
  const out: Record<string, string> = Object.create(null); // a `__proto__` tag is a tag like any other
  for (const [k, value] of Object.entries(v)) {
    // Zipkin tags are strings; a number or bool some reporters send is kept in its string form
    if (typeof value === 'string') out[k] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[k] = String(value);
    else throw new SpanError(`tags.${k}: expected a string, got ${describeType(value)}`);
  }
  return out;
};

const toDropped = (tags: Record<string, string>, key: string): number => {
  const v = takeStringTag(tags, key);
  const n = v === undefined ? 0 : Number(v);
  return Number.isInteger(n) && n > 0 && n <= 0xffffffff ? n : 0;
};

type Context = { resources: Map<string, ResourceRecord>; scopes: Map<string, ScopeRecord> };

const resourceOf = (endpoint: Endpoint | undefined, ctx: Context): ResourceRecord => {
  const serviceName = readText(endpoint?.serviceName, 'localEndpoint.serviceName') || UNKNOWN_SERVICE;
  const address = readText(endpoint?.ipv6, 'localEndpoint.ipv6') || readText(endpoint?.ipv4, 'localEndpoint.ipv4');
  const port = readPort(endpoint?.port, 'localEndpoint.port');
  const key = `${serviceName}\0${address}\0${port ?? ''}`;
  let resource = ctx.resources.get(key);
  if (!resource) {
    const attributes: EncodedAttributes = { [SERVICE_NAME]: serviceName };
    if (address) attributes['network.local.address'] = address;
    if (port) attributes['network.local.port'] = port;
    resource = { serviceName, attributes, droppedAttributesCount: 0, schemaUrl: '' };
    ctx.resources.set(key, resource);
  }
  return resource;
};

const toEvents = (v: unknown): StoredEvent[] => {
  if (v == null) return [];
  if (!Array.isArray(v)) throw new SpanError(`annotations: expected an array, got ${describeType(v)}`);
  return v.map((a, i) => {
    if (typeof a !== 'object' || a === null) throw new SpanError(`annotations[${i}]: expected an object, got ${describeType(a)}`);
    const at = readMicros((a as { timestamp?: unknown }).timestamp, `annotations[${i}].timestamp`) ?? 0n;
    return { t: usToNs(at).toString(), n: readText((a as { value?: unknown }).value, `annotations[${i}].value`) };
  });
};

const toSpanRecord = (span: ZipkinSpan, ctx: Context): SpanRecord => {
  if (typeof span !== 'object' || span === null || Array.isArray(span)) throw new SpanError(`expected a span object, got ${describeType(span)}`);
  const traceId = readId(span.traceId, 'traceId', 32, true);
  const id = readId(span.id, 'id', 16, true);
  const parentSpanId = readId(span.parentId, 'parentId', 16, false);
  const kind = readKind(span.kind);
  const startUs = readMicros(span.timestamp, 'timestamp');
  if (!startUs) throw new SpanError('timestamp is missing');
  const durationUs = readMicros(span.duration, 'duration') ?? 0n;

  const tags = readTags(span.tags);
  const attributes: EncodedAttributes = {};
  const status = takeZipkinStatus(tags);
  const scope = takeScope(tags, ctx.scopes);
  const droppedAttributesCount = toDropped(tags, 'otel.dropped_attributes_count');
  const droppedEventsCount = toDropped(tags, 'otel.dropped_events_count');
  const droppedLinksCount = toDropped(tags, 'otel.dropped_links_count');
  for (const [k, v] of Object.entries(tags)) setAttribute(attributes, toStorableText(k), toStorableText(v));

  const remote = readEndpoint(span.remoteEndpoint, 'remoteEndpoint');
  if (remote) {
    const peer = readText(remote.serviceName, 'remoteEndpoint.serviceName');
    const address = readText(remote.ipv6, 'remoteEndpoint.ipv6') || readText(remote.ipv4, 'remoteEndpoint.ipv4');
    const port = readPort(remote.port, 'remoteEndpoint.port');
    if (peer) attributes['peer.service'] = peer;
    if (address) attributes['network.peer.address'] = address;
    if (port) attributes['network.peer.port'] = encodeInt(port);
  }

  if (span.shared === true) attributes['zipkin.shared'] = true;
  const startNs = usToNs(startUs);
  const endNs = startNs + usToNs(durationUs);
  if (endNs > MAX_INT64) throw new SpanError('timestamp or duration is beyond the int64 nanosecond range');
  return {
    traceId,
    spanId: id,
    parentSpanId,
    name: readText(span.name, 'name'),
    kind,
    startNs,
    endNs,
    statusCode: status.code,
    statusMessage: status.message,
    traceState: '',
    flags: 1, // Zipkin only reports sampled spans
    attributes,
    droppedAttributesCount,
    events: toEvents(span.annotations),
    droppedEventsCount,
    links: [],
    droppedLinksCount,
    resource: resourceOf(readEndpoint(span.localEndpoint, 'localEndpoint'), ctx),
    scope,
  };
};

/** Zipkin v2 spans (parsed JSON or converted proto/v1) → records and per-span rejections. */
export const zipkinSpansToRecords = (spans: readonly ZipkinSpan[]): DecodedBatch => {
  const ctx: Context = { resources: new Map(), scopes: new Map() };
  const out: DecodedBatch = { records: [], rejected: [] };
  spans.forEach((span, i) => {
    try {
      out.records.push(toSpanRecord(span, ctx));
    } catch (err) {
      if (!(err instanceof SpanError)) throw err;
      const name = typeof span?.name === 'string' ? ` (name ${JSON.stringify(toStorableText(span.name.slice(0, 80)))})` : '';
      out.rejected.push({ reason: `spans[${i}]${name}: ${err.message}` });
    }
  });
  return out;
};
