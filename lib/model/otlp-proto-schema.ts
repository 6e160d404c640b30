// The OTLP trace schema as .proto text, shared by the ingest's decoder (lib/ingest/otlp/otlp-proto.ts)
// and the Tempo API's encoder (lib/api/tempo/encode-trace-protobuf.ts), so both speak one schema.
// Plain strings: protobufjs parses them where it is used (server side only).
//
// The OTLP trace schema, embedded as text so nothing is read from disk at runtime (Next.js bundles
// this file). The definitions are from opentelemetry-proto (https://github.com/open-telemetry/opentelemetry-proto,
// Apache-2.0), trimmed of comments and options; field numbers and types are exactly upstream's (the one
// wire-compatible change, AnyValue's oneof, is explained there). Fields added
// upstream later (e.g. Resource.entity_refs) are simply skipped as unknown fields by the decoder.
// `import` lines are left out: everything is parsed into one Root, and references are fully qualified.

// protobufjs 8 verifies UTF-8 in proto3 strings by default, so one bad byte in one attribute would
// fail the whole request. Like the Collector (whose decoder does not verify either), decode
// leniently instead: invalid sequences become U+FFFD, and the Buffer reader's native utf8Slice is used.
export const LENIENT_UTF8 = 'option features.utf8_validation = NONE;';

export const COMMON_PROTO = `
syntax = "proto3";
package opentelemetry.proto.common.v1;
${LENIENT_UTF8}

// Upstream declares these seven inside \`oneof value\`. A oneof member and a proto3 optional field are
// the same on the wire (a tag and a value, with presence), but protobufjs's oneof setter deletes the six
// sibling fields on every decoded value, which was ~40% of the time to decode a request. As optional
// fields, the members that are absent read as null (int_value: Long 0; see decode-otlp-protobuf.ts).
message AnyValue {
  optional string string_value = 1;
  optional bool bool_value = 2;
  optional int64 int_value = 3;
  optional double double_value = 4;
  optional ArrayValue array_value = 5;
  optional KeyValueList kvlist_value = 6;
  optional bytes bytes_value = 7;
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue {
  string key = 1;
  AnyValue value = 2;
}
message InstrumentationScope {
  string name = 1;
  string version = 2;
  repeated KeyValue attributes = 3;
  uint32 dropped_attributes_count = 4;
}
// Deprecated (replaced by InstrumentationScope in OTLP 0.15); kept so old exporters still work.
message InstrumentationLibrary {
  string name = 1;
  string version = 2;
}
`;

export const RESOURCE_PROTO = `
syntax = "proto3";
package opentelemetry.proto.resource.v1;
${LENIENT_UTF8}

message Resource {
  repeated opentelemetry.proto.common.v1.KeyValue attributes = 1;
  uint32 dropped_attributes_count = 2;
}
`;

export const TRACE_PROTO = `
syntax = "proto3";
package opentelemetry.proto.trace.v1;
${LENIENT_UTF8}

message TracesData { repeated ResourceSpans resource_spans = 1; }

message ResourceSpans {
  opentelemetry.proto.resource.v1.Resource resource = 1;
  repeated ScopeSpans scope_spans = 2;
  string schema_url = 3;
  // Reserved upstream since it was removed; old exporters (OTLP < 0.15) still send it.
  repeated InstrumentationLibrarySpans instrumentation_library_spans = 1000;
}

message ScopeSpans {
  opentelemetry.proto.common.v1.InstrumentationScope scope = 1;
  repeated Span spans = 2;
  string schema_url = 3;
}

// Deprecated predecessor of ScopeSpans.
message InstrumentationLibrarySpans {
  opentelemetry.proto.common.v1.InstrumentationLibrary instrumentation_library = 1;
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
  repeated opentelemetry.proto.common.v1.KeyValue attributes = 9;
  uint32 dropped_attributes_count = 10;

  message Event {
    fixed64 time_unix_nano = 1;
    string name = 2;
    repeated opentelemetry.proto.common.v1.KeyValue attributes = 3;
    uint32 dropped_attributes_count = 4;
  }
  repeated Event events = 11;
  uint32 dropped_events_count = 12;

  message Link {
    bytes trace_id = 1;
    bytes span_id = 2;
    string trace_state = 3;
    repeated opentelemetry.proto.common.v1.KeyValue attributes = 4;
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

export const TRACE_SERVICE_PROTO = `
syntax = "proto3";
package opentelemetry.proto.collector.trace.v1;
${LENIENT_UTF8}

message ExportTraceServiceRequest {
  repeated opentelemetry.proto.trace.v1.ResourceSpans resource_spans = 1;
}
message ExportTraceServiceResponse {
  ExportTracePartialSuccess partial_success = 1;
}
message ExportTracePartialSuccess {
  int64 rejected_spans = 1;
  string error_message = 2;
}
`;

/** The OTLP trace schema files, in the order they are parsed into one protobufjs Root. */
export const OTLP_TRACE_SCHEMA: readonly string[] = [COMMON_PROTO, RESOURCE_PROTO, TRACE_PROTO, TRACE_SERVICE_PROTO];
