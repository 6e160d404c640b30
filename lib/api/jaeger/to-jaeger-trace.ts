import { resourceKeyOf, type ResourceKey } from '@/lib/model/dimension-key';
import { StatusCode, type SpanRecord, type StoredEvent, type StoredLink } from '@/lib/model/span-record';
import { statusCodeName, toJaegerSpanKind } from '@/lib/model/conventions';
import { REF_CHILD_OF, TagKey } from '@/lib/model/tag-conventions';
import { nsToUsNumber } from '@/lib/model/units';
import { toJaegerTags } from './to-jaeger-tag';
import { toJaegerTraceId } from './to-jaeger-trace-id';
import type { JaegerLog, JaegerProcess, JaegerReference, JaegerSpan, JaegerTag, JaegerTrace } from './wire-types';

export type * from './wire-types';

// The OTLP → Jaeger conventions of the OpenTelemetry Collector (opentelemetry-collector-contrib
// pkg/translator/jaeger/traces_to_jaegerproto.go), applied on read so the store keeps OTLP.

/** What the collector names a process whose resource has no service.name. */
export const NO_SERVICE_NAME = 'OTLPResourceNoServiceName';

const stringTag = (key: string, value: string): JaegerTag => ({ key, type: 'string', value });

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const compareSpans = (a: SpanRecord, b: SpanRecord): number =>
  a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : compareText(a.spanId, b.spanId);

// Span tags in the collector's order: scope, attributes, then the OTLP fields Jaeger has no slot for.
// A convention tag is skipped when an attribute already has its key (e.g. an `error` tag kept from
// a Jaeger client), so the UI never shows the same key twice.
const toSpanTags = (span: SpanRecord): JaegerTag[] => {
  const tags: JaegerTag[] = [];
  if (span.scope.name) tags.push(stringTag(TagKey.SCOPE_NAME, span.scope.name));
  if (span.scope.version) tags.push(stringTag(TagKey.SCOPE_VERSION, span.scope.version));
  tags.push(...toJaegerTags(span.attributes));

  const conventions: JaegerTag[] = [];
  const kind = toJaegerSpanKind(span.kind);
  if (kind) conventions.push(stringTag(TagKey.SPAN_KIND, kind));
  if (span.statusCode === StatusCode.OK || span.statusCode === StatusCode.ERROR) {
    conventions.push(stringTag(TagKey.STATUS_CODE, statusCodeName(span.statusCode)!));
  }
  if (span.statusCode === StatusCode.ERROR) conventions.push({ key: TagKey.ERROR, type: 'bool', value: true });
  if (span.statusMessage) conventions.push(stringTag(TagKey.STATUS_DESCRIPTION, span.statusMessage));
  if (span.traceState) conventions.push(stringTag(TagKey.TRACE_STATE, span.traceState));
  for (const tag of conventions) if (!Object.hasOwn(span.attributes, tag.key)) tags.push(tag);
  return tags;
};

const isChildOfLink = (link: StoredLink): boolean => link.a?.[TagKey.REF_TYPE] === REF_CHILD_OF;

// The parent first: jaeger-ui takes the first CHILD_OF reference as the parent.
const toReferences = (span: SpanRecord, traceID: string): JaegerReference[] => {
  const refs: JaegerReference[] = [];
  if (span.parentSpanId) refs.push({ refType: 'CHILD_OF', traceID, spanID: span.parentSpanId });
  for (const link of span.links) {
    refs.push({
      refType: isChildOfLink(link) ? 'CHILD_OF' : 'FOLLOWS_FROM',
      traceID: toJaegerTraceId(link.t),
      spanID: link.s,
    });
  }
  return refs;
};

// The event name travels as the field `event`; a nameless event (Jaeger-origin logs) gets none, as in the collector.
const toLog = (event: StoredEvent): JaegerLog => ({
  timestamp: nsToUsNumber(BigInt(event.t)),
  fields: [...(event.n ? [stringTag(TagKey.LOG_EVENT, event.n)] : []), ...toJaegerTags(event.a ?? {})],
});

/** Assigns p1, p2, … per resource, in order of first use. */
const createProcessTable = () => {
  const processes: Record<string, JaegerProcess> = {};
  const idByResource = new Map<ResourceKey, string>();

  const processIdOf = (span: SpanRecord): string => {
    const key = resourceKeyOf(span);
    let id = idByResource.get(key);
    if (id === undefined) {
      id = `p${idByResource.size + 1}`;
      idByResource.set(key, id);
      processes[id] = { serviceName: span.resource.serviceName || NO_SERVICE_NAME, tags: toJaegerTags(span.resource.attributes, 'service.name') };
    }
    return id;
  };
  return { processes, processIdOf };
};

/** Converts the spans of one trace to the Jaeger UI model (jaeger-ui's Trace/Span/Process JSON), spans by start time then id. */
export const toJaegerTrace = (spans: SpanRecord[]): JaegerTrace => {
  const ordered = [...spans].sort(compareSpans);
  const { processes, processIdOf } = createProcessTable();

  const jaegerSpans = ordered.map((span): JaegerSpan => {
    const traceID = toJaegerTraceId(span.traceId);
    const durationNs = span.endNs > span.startNs ? span.endNs - span.startNs : 0n;
    // only the W3C trace-flags byte: bits 8–9 of OTLP flags (is-remote) mean nothing to Jaeger
    const flags = span.flags & 0xff;
    return {
      traceID,
      spanID: span.spanId,
      ...(flags !== 0 && { flags }),
      operationName: span.name,
      references: toReferences(span, traceID),
      startTime: nsToUsNumber(span.startNs),
      duration: nsToUsNumber(durationNs),
      tags: toSpanTags(span),
      logs: span.events.map(toLog),
      processID: processIdOf(span),
      warnings: null,
    };
  });

  return {
    traceID: ordered.length > 0 ? toJaegerTraceId(ordered[0].traceId) : '',
    spans: jaegerSpans,
    processes,
    warnings: null,
  };
};
