import protobuf from 'protobufjs';
import { encodeDouble, encodeInt, type EncodedAttributes, type EncodedValue } from '../../model/attributes';
import type { ResourceRecord, ScopeRecord, SpanKind, SpanRecord, StatusCode, StoredEvent, StoredLink } from '../../model/types';

// A test-only OTLP/JSON decoder that owes nothing to to-otlp-json.ts: it reads JSON through
// protobufjs's generic proto3 mapping of the opentelemetry-proto messages (field names and
// numbers copied from trace/v1/trace.proto, common/v1/common.proto, resource/v1/resource.proto),
// after the one step OTLP/JSON adds to proto3 JSON: ids are hex, not base64. The message is
// also encoded to protobuf binary and decoded again, so every value must survive the wire.
// Unknown field names are errors here (protobufjs would silently drop them).

const OTLP_PROTO = `
syntax = "proto3";
package opentelemetry.proto;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope {
  string name = 1;
  string version = 2;
  repeated KeyValue attributes = 3;
  uint32 dropped_attributes_count = 4;
}
message Resource {
  repeated KeyValue attributes = 1;
  uint32 dropped_attributes_count = 2;
}
message TracesData { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans {
  Resource resource = 1;
  repeated ScopeSpans scope_spans = 2;
  string schema_url = 3;
}
message ScopeSpans {
  InstrumentationScope scope = 1;
  repeated Span spans = 2;
  string schema_url = 3;
}
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  string trace_state = 3;
  bytes parent_span_id = 4;
  fixed32 flags = 16;
  string name = 5;
  enum SpanKind {
    SPAN_KIND_UNSPECIFIED = 0;
    SPAN_KIND_INTERNAL = 1;
    SPAN_KIND_SERVER = 2;
    SPAN_KIND_CLIENT = 3;
    SPAN_KIND_PRODUCER = 4;
    SPAN_KIND_CONSUMER = 5;
  }
  SpanKind kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9;
  uint32 dropped_attributes_count = 10;
  message Event {
    fixed64 time_unix_nano = 1;
    string name = 2;
    repeated KeyValue attributes = 3;
    uint32 dropped_attributes_count = 4;
  }
  repeated Event events = 11;
  uint32 dropped_events_count = 12;
  message Link {
    bytes trace_id = 1;
    bytes span_id = 2;
    string trace_state = 3;
    repeated KeyValue attributes = 4;
    uint32 dropped_attributes_count = 5;
    fixed32 flags = 6;
  }
  repeated Link links = 13;
  uint32 dropped_links_count = 14;
  Status status = 15;
}
message Status {
  reserved 1;
  string message = 2;
  enum StatusCode {
    STATUS_CODE_UNSET = 0;
    STATUS_CODE_OK = 1;
    STATUS_CODE_ERROR = 2;
  }
  StatusCode code = 3;
}
`;

const root = protobuf.parse(OTLP_PROTO).root; // field names become lowerCamelCase, as in proto3 JSON
const TracesData = root.lookupType('opentelemetry.proto.TracesData');

type Json = Record<string, unknown>;

/** Throws on any key that is not a field of the message (protobufjs's fromObject would drop it). */
const assertKnownFields = (value: unknown, type: protobuf.Type, path: string): void => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${path}: expected an object`);
  for (const [key, child] of Object.entries(value)) {
    const field = type.fields[key];
    if (!field) throw new Error(`${path}.${key}: not a field of ${type.name}`);
    field.resolve();
    if (!(field.resolvedType instanceof protobuf.Type)) continue;
    const childType = field.resolvedType;
    if (field.repeated) {
      if (!Array.isArray(child)) throw new Error(`${path}.${key}: expected an array`);
      child.forEach((c, i) => assertKnownFields(c, childType, `${path}.${key}[${i}]`));
    } else assertKnownFields(child, childType, `${path}.${key}`);
  }
};

const hexToBase64 = (hex: unknown, bytes: number, path: string): string | undefined => {
  if (hex === undefined || hex === '') return undefined;
  if (typeof hex !== 'string' || !new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(hex)) {
    throw new Error(`${path}: expected ${bytes * 2} lower-case hex characters, got ${JSON.stringify(hex)}`);
  }
  return Buffer.from(hex, 'hex').toString('base64');
};

const base64ToHex = (b64: string): string => Buffer.from(b64, 'base64').toString('hex');

// OTLP/JSON's only departure from proto3 JSON: trace and span ids are hex.
const idsToBase64 = (json: Json): Json => {
  const copy = structuredClone(json) as { resourceSpans?: { scopeSpans?: { spans?: Json[] }[] }[] };
  for (const rs of copy.resourceSpans ?? []) {
    for (const ss of rs.scopeSpans ?? []) {
      for (const span of ss.spans ?? []) {
        span.traceId = hexToBase64(span.traceId, 16, 'traceId');
        span.spanId = hexToBase64(span.spanId, 8, 'spanId');
        span.parentSpanId = hexToBase64(span.parentSpanId, 8, 'parentSpanId');
        for (const link of (span.links as Json[] | undefined) ?? []) {
          link.traceId = hexToBase64(link.traceId, 16, 'links.traceId');
          link.spanId = hexToBase64(link.spanId, 8, 'links.spanId');
        }
      }
    }
  }
  return copy as Json;
};

type PbAnyValue = Json & { value?: string };
type PbKeyValue = { key: string; value?: PbAnyValue };

const toEncodedValue = (v: PbAnyValue | undefined): EncodedValue => {
  switch (v?.value) {
    case 'stringValue':
      return v.stringValue as string;
    case 'boolValue':
      return v.boolValue as boolean;
    case 'intValue':
      return encodeInt(BigInt(v.intValue as string));
    case 'doubleValue':
      return encodeDouble(v.doubleValue as number);
    case 'bytesValue':
      return { b: v.bytesValue as string };
    case 'arrayValue':
      return ((v.arrayValue as { values: PbAnyValue[] }).values ?? []).map(toEncodedValue);
    case 'kvlistValue':
      return { m: toAttributes((v.kvlistValue as { values: PbKeyValue[] }).values) };
    default:
      return null;
  }
};

const toAttributes = (kvs: PbKeyValue[] | undefined): EncodedAttributes =>
  Object.fromEntries((kvs ?? []).map((kv) => [kv.key, toEncodedValue(kv.value)]));

/** Decodes OTLP/JSON TracesData into SpanRecords, one shared resource/scope object per group (as ingest does). */
export const decodeOtlpJson = (json: unknown): SpanRecord[] => {
  assertKnownFields(json, TracesData, 'TracesData');
  const message = TracesData.fromObject(idsToBase64(json as Json));
  const wire = TracesData.encode(message).finish();
  const data = TracesData.toObject(TracesData.decode(wire), {
    longs: String,
    enums: Number,
    bytes: String,
    defaults: true,
    oneofs: true,
  }) as { resourceSpans: Json[] };

  const records: SpanRecord[] = [];
  for (const rs of data.resourceSpans) {
    const r = (rs.resource ?? {}) as Json;
    const attributes = toAttributes(r.attributes as PbKeyValue[]);
    const serviceName = attributes['service.name'];
    const resource: ResourceRecord = {
      serviceName: typeof serviceName === 'string' ? serviceName : '',
      attributes,
      droppedAttributesCount: (r.droppedAttributesCount as number) ?? 0,
      schemaUrl: rs.schemaUrl as string,
    };
    for (const ss of rs.scopeSpans as Json[]) {
      const s = (ss.scope ?? {}) as Json;
      const scope: ScopeRecord = {
        name: (s.name as string) ?? '',
        version: (s.version as string) ?? '',
        attributes: toAttributes(s.attributes as PbKeyValue[]),
        droppedAttributesCount: (s.droppedAttributesCount as number) ?? 0,
        schemaUrl: ss.schemaUrl as string,
      };
      for (const span of ss.spans as Json[]) {
        const status = (span.status ?? {}) as Json;
        records.push({
          traceId: base64ToHex(span.traceId as string),
          spanId: base64ToHex(span.spanId as string),
          parentSpanId: base64ToHex(span.parentSpanId as string),
          name: span.name as string,
          kind: span.kind as SpanKind,
          startNs: BigInt(span.startTimeUnixNano as string),
          endNs: BigInt(span.endTimeUnixNano as string),
          statusCode: ((status.code as number) ?? 0) as StatusCode,
          statusMessage: (status.message as string) ?? '',
          traceState: span.traceState as string,
          flags: span.flags as number,
          attributes: toAttributes(span.attributes as PbKeyValue[]),
          droppedAttributesCount: span.droppedAttributesCount as number,
          events: (span.events as Json[]).map((e): StoredEvent => {
            const a = toAttributes(e.attributes as PbKeyValue[]);
            return {
              t: e.timeUnixNano as string,
              n: e.name as string,
              ...(Object.keys(a).length > 0 && { a }),
              ...((e.droppedAttributesCount as number) > 0 && { d: e.droppedAttributesCount as number }),
            };
          }),
          droppedEventsCount: span.droppedEventsCount as number,
          links: (span.links as Json[]).map((l): StoredLink => {
            const a = toAttributes(l.attributes as PbKeyValue[]);
            return {
              t: base64ToHex(l.traceId as string),
              s: base64ToHex(l.spanId as string),
              ...(l.traceState ? { ts: l.traceState as string } : {}),
              ...(Object.keys(a).length > 0 && { a }),
              ...((l.droppedAttributesCount as number) > 0 && { d: l.droppedAttributesCount as number }),
              ...((l.flags as number) > 0 && { f: l.flags as number }),
            };
          }),
          droppedLinksCount: span.droppedLinksCount as number,
          resource,
          scope,
        });
      }
    }
  }
  return records;
};
