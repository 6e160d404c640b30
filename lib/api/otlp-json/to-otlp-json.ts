import type { EncodedAttributes } from '@/lib/model/attribute-value';
import { SpanKind, StatusCode, type ResourceRecord, type ScopeRecord, type SpanRecord, type StoredEvent, type StoredLink } from '@/lib/model/span-record';
import { stableStringify } from './stable-stringify';
import { toOtlpKeyValues } from './to-otlp-any-value';
import type {
  IEvent,
  IInstrumentationScope,
  ILink,
  IResource,
  IResourceSpans,
  IScopeSpans,
  ISpan,
  IStatus,
  ITracesData,
} from './wire-types';

export type * from './wire-types';

// SpanRecords back to OTLP/JSON (api_v3 `/api/v3/traces`, exports). Spans are regrouped under
// their resource and scope. Spans from one ingest batch share the same resource/scope objects,
// but rows read back from the store may carry equal-but-distinct copies, so grouping tries
// object identity first and falls back to equal content.

const keyValuesField = (attributes: EncodedAttributes) =>
  Object.keys(attributes).length > 0 ? { attributes: toOtlpKeyValues(attributes) } : {};

const droppedField = (name: string, count: number | undefined) => (count ? { [name]: count } : {});

const toResource = (resource: ResourceRecord): IResource => ({
  ...keyValuesField(resource.attributes),
  ...droppedField('droppedAttributesCount', resource.droppedAttributesCount),
});

const toScope = (scope: ScopeRecord): IInstrumentationScope => ({
  ...(scope.name && { name: scope.name }),
  ...(scope.version && { version: scope.version }),
  ...keyValuesField(scope.attributes),
  ...droppedField('droppedAttributesCount', scope.droppedAttributesCount),
});

const toEvent = (event: StoredEvent): IEvent => ({
  timeUnixNano: event.t,
  ...(event.n && { name: event.n }),
  ...keyValuesField(event.a ?? {}),
  ...droppedField('droppedAttributesCount', event.d),
});

const toLink = (link: StoredLink): ILink => ({
  traceId: link.t,
  spanId: link.s,
  ...(link.ts && { traceState: link.ts }),
  ...keyValuesField(link.a ?? {}),
  ...droppedField('droppedAttributesCount', link.d),
  ...(link.f && { flags: link.f }),
});

const toStatus = (span: SpanRecord): IStatus => ({
  ...(span.statusCode !== StatusCode.UNSET && { code: span.statusCode }),
  ...(span.statusMessage && { message: span.statusMessage }),
});

/** One span as OTLP/JSON, its fields in the order trace.proto declares them. */
export const toOtlpSpan = (span: SpanRecord): ISpan => ({
  traceId: span.traceId,
  spanId: span.spanId,
  ...(span.traceState && { traceState: span.traceState }),
  ...(span.parentSpanId && { parentSpanId: span.parentSpanId }),
  ...(span.flags !== 0 && { flags: span.flags }),
  name: span.name,
  ...(span.kind !== SpanKind.UNSPECIFIED && { kind: span.kind }),
  startTimeUnixNano: span.startNs.toString(),
  endTimeUnixNano: span.endNs.toString(),
  ...keyValuesField(span.attributes),
  ...droppedField('droppedAttributesCount', span.droppedAttributesCount),
  ...(span.events.length > 0 && { events: span.events.map(toEvent) }),
  ...droppedField('droppedEventsCount', span.droppedEventsCount),
  ...(span.links.length > 0 && { links: span.links.map(toLink) }),
  ...droppedField('droppedLinksCount', span.droppedLinksCount),
  status: toStatus(span),
});

/** Finds the group for a record: by identity, else by equal content (remembering the identity for next time). */
const createGrouper = <R extends object, G>(create: (record: R) => G) => {
  const byIdentity = new Map<R, G>();
  const byContent = new Map<string, G>();
  const groups: G[] = [];
  const groupOf = (record: R): G => {
    let group = byIdentity.get(record);
    if (group !== undefined) return group;
    const contentKey = stableStringify(record);
    group = byContent.get(contentKey);
    if (group === undefined) {
      group = create(record);
      byContent.set(contentKey, group);
      groups.push(group);
    }
    byIdentity.set(record, group);
    return group;
  };
  return { groups, groupOf };
};

type ResourceGroup = {
  json: IResourceSpans;
  groupOfScope: (scope: ScopeRecord) => IScopeSpans;
};

/** Encodes spans as OTLP/JSON TracesData, grouped by resource then scope, in order of first appearance. */
export const toOtlpJson = (spans: SpanRecord[]): ITracesData => {
  const resources = createGrouper<ResourceRecord, ResourceGroup>((resource) => {
    const scopes = createGrouper<ScopeRecord, IScopeSpans>((scope) => ({
      scope: toScope(scope),
      spans: [],
      ...(scope.schemaUrl && { schemaUrl: scope.schemaUrl }),
    }));
    return {
      json: {
        resource: toResource(resource),
        scopeSpans: scopes.groups,
        ...(resource.schemaUrl && { schemaUrl: resource.schemaUrl }),
      },
      groupOfScope: scopes.groupOf,
    };
  });

  for (const span of spans) {
    resources.groupOf(span.resource).groupOfScope(span.scope).spans.push(toOtlpSpan(span));
  }
  return { resourceSpans: resources.groups.map((group) => group.json) };
};
