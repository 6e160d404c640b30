import { encodeDouble, encodeInt, type EncodedAttributes, type EncodedValue } from '@/lib/model/attribute-value';
import { MAX_INT64, SERVICE_NAME, setAttribute, toStorableText, UNKNOWN_SERVICE, ZERO_SPAN_ID, ZERO_TRACE_ID } from '@/lib/model/conventions';
import type { DecodedBatch, ResourceRecord, ScopeRecord, SpanRecord, StoredEvent, StoredLink } from '@/lib/model/span-record';
import { REF_CHILD_OF, REF_FOLLOWS_FROM, TagKey, takeJaegerStatus, takeScope, takeSpanKind, takeStringTag } from '@/lib/model/tag-conventions';
import { usToNs } from '@/lib/model/units';
import { SpanRefType, TagType, type Batch, type Log, type Span, type Tag } from './wire-types';

// Jaeger's model → what it means in OTLP terms, the conventions of the OpenTelemetry Collector's
// Jaeger receiver (pkg/translator/jaeger/jaegerthrift_to_traces.go), so a trace reads the same
// whichever way it came in, and lib/api/jaeger/to-jaeger-trace.ts gives Jaeger's view back:
//  - process service name and tags → resource (`service.name` + typed attributes);
//  - tags → typed attributes, except those that carry OTLP fields: `span.kind` → kind,
//    `error=true` / `otel.status_code` / `otel.status_description` → status,
//    `w3c.tracestate` → trace state, `otel.scope.name|version` (`otel.library.*`) → scope;
//  - logs → events (the `event` field names the event);
//  - parentSpanId, else the first CHILD_OF reference in the same trace → parent; every other
//    reference → a link with `opentracing.ref_type` = child_of | follows_from;
//  - 128-bit trace ids from traceIdHigh/traceIdLow; µs → ns; flags: the sampled bit.

const hex64 = (v: bigint | undefined): string => BigInt.asUintN(64, v ?? 0n).toString(16).padStart(16, '0');

class SpanError extends Error {}

const tagValue = (tag: Tag): EncodedValue => {
  switch (tag.vType) {
    case TagType.DOUBLE:
      return encodeDouble(tag.vDouble ?? 0);
    case TagType.BOOL:
      return tag.vBool ?? false;
    case TagType.LONG:
      return encodeInt(tag.vLong ?? 0n);
    case TagType.BINARY:
      return { b: Buffer.from(tag.vBinary ?? new Uint8Array()).toString('base64') };
    default:
      return toStorableText(tag.vStr ?? '');
  }
};

const toAttributes = (tags: Tag[]): EncodedAttributes => {
  const out: EncodedAttributes = {};
  for (const tag of tags) setAttribute(out, toStorableText(tag.key ?? ''), tagValue(tag));
  return out;
};

const toEvent = (log: Log): StoredEvent => {
  const attrs = toAttributes(log.fields);
  const name = takeStringTag(attrs, TagKey.LOG_EVENT) ?? '';
  const event: StoredEvent = { t: usToNs(log.timestamp ?? 0n).toString(), n: name };
  if (Object.keys(attrs).length > 0) event.a = attrs;
  return event;
};

const traceIdOf = (high: bigint | undefined, low: bigint | undefined): string => hex64(high) + hex64(low);

const toSpanRecord = (span: Span, resource: ResourceRecord, scopes: Map<string, ScopeRecord>): SpanRecord => {
  const traceId = traceIdOf(span.traceIdHigh, span.traceIdLow);
  if (traceId === ZERO_TRACE_ID) throw new SpanError('trace id is missing or zero');
  const spanId = hex64(span.spanId);
  if (spanId === ZERO_SPAN_ID) throw new SpanError('span id is missing or zero');
  const startUs = span.startTime ?? 0n;
  if (startUs <= 0n) throw new SpanError('start time is missing');
  const startNs = usToNs(startUs);

  let parentSpanId = span.parentSpanId ? hex64(span.parentSpanId) : '';
  if (parentSpanId === ZERO_SPAN_ID) parentSpanId = '';
  const links: StoredLink[] = [];
  for (const ref of span.references) {
    const refTrace = ref.traceIdHigh || ref.traceIdLow ? traceIdOf(ref.traceIdHigh, ref.traceIdLow) : traceId;
    const refSpan = hex64(ref.spanId);
    if (refSpan === ZERO_SPAN_ID) continue;
    const childOf = ref.refType !== SpanRefType.FOLLOWS_FROM;
    if (childOf && refTrace === traceId) {
      if (parentSpanId === '') {
        parentSpanId = refSpan;
        continue;
      }
      if (parentSpanId === refSpan) continue; // the parent, said twice
    }
    links.push({ t: refTrace, s: refSpan, a: { [TagKey.REF_TYPE]: childOf ? REF_CHILD_OF : REF_FOLLOWS_FROM } });
  }

  const attributes = toAttributes(span.tags);
  const kind = takeSpanKind(attributes);
  const status = takeJaegerStatus(attributes);
  const traceState = takeStringTag(attributes, TagKey.TRACE_STATE) ?? '';
  const scope = takeScope(attributes, scopes);
  const duration = span.duration ?? 0n;
  const endNs = startNs + (duration > 0n ? usToNs(duration) : 0n);
  if (endNs > MAX_INT64) throw new SpanError('start time or duration is beyond the int64 nanosecond range');

  return {
    traceId,
    spanId,
    parentSpanId,
    name: toStorableText(span.operationName ?? ''),
    kind,
    startNs,
    endNs,
    statusCode: status.code,
    statusMessage: status.message,
    traceState,
    flags: (span.flags ?? 0) & 1, // Jaeger's sampled bit is W3C's; its debug bit has no OTLP place
    attributes,
    droppedAttributesCount: 0,
    events: span.logs.map(toEvent),
    droppedEventsCount: 0,
    links,
    droppedLinksCount: 0,
    resource,
    scope,
  };
};

const label = (span: Span, i: number): string => {
  const name = span.operationName;
  return name === undefined ? `spans[${i}]` : `spans[${i}] (operation ${JSON.stringify(toStorableText(name.slice(0, 80)))})`;
};

/** A Jaeger Thrift Batch → records (sharing one resource) and per-span rejections. */
export const jaegerBatchToRecords = (batch: Batch): DecodedBatch => {
  if (!batch.process) throw new Error('the batch has no process');
  const attributes = toAttributes(batch.process.tags);
  const serviceName = toStorableText(batch.process.serviceName ?? '') || UNKNOWN_SERVICE;
  attributes[SERVICE_NAME] = serviceName;
  const resource: ResourceRecord = { serviceName, attributes, droppedAttributesCount: 0, schemaUrl: '' };
  const scopes = new Map<string, ScopeRecord>();
  const out: DecodedBatch = { records: [], rejected: [] };
  batch.spans.forEach((span, i) => {
    try {
      out.records.push(toSpanRecord(span, resource, scopes));
    } catch (err) {
      if (!(err instanceof SpanError)) throw err;
      out.rejected.push({ reason: `${label(span, i)}: ${err.message}` });
    }
  });
  return out;
};
