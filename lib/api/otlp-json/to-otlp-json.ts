import type { EncodedAttributes } from '@/lib/model/attribute-value';
import { resourceKeyOf, scopeKeyOf, type ResourceKey, type ScopeKey } from '@/lib/model/dimension-key';
import { SpanKind, StatusCode, type ResourceRecord, type ScopeRecord, type SpanRecord, type StoredEvent, type StoredLink } from '@/lib/model/span-record';
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
// their resource and scope, each identified as lib/model/dimension-key.ts says.

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

type Grouper<K, G> = { groups: G[]; groupOf: (key: K, span: SpanRecord) => G };

/** One group per key, in order of first use; `create` makes a key's group from its first span. */
const createGrouper = <K, G>(create: (span: SpanRecord) => G): Grouper<K, G> => {
  const byKey = new Map<K, G>();
  const groups: G[] = [];
  const groupOf = (key: K, span: SpanRecord): G => {
    let group = byKey.get(key);
    if (group === undefined) {
      group = create(span);
      byKey.set(key, group);
      groups.push(group);
    }
    return group;
  };
  return { groups, groupOf };
};

type ResourceGroup = {
  json: IResourceSpans;
  scopes: Grouper<ScopeKey, IScopeSpans>;
};

/** Encodes spans as OTLP/JSON TracesData, grouped by resource then scope, in order of first appearance. */
export const toOtlpJson = (spans: SpanRecord[]): ITracesData => {
  const resources = createGrouper<ResourceKey, ResourceGroup>(({ resource }) => {
    const scopes = createGrouper<ScopeKey, IScopeSpans>(({ scope }) => ({
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
      scopes,
    };
  });

  for (const span of spans) {
    resources.groupOf(resourceKeyOf(span), span).scopes.groupOf(scopeKeyOf(span), span).spans.push(toOtlpSpan(span));
  }
  return { resourceSpans: resources.groups.map((group) => group.json) };
};
