import Long from 'long';
import protobuf from 'protobufjs';

import { bufferView } from '@/lib/ingest/buffer-view';
import { OtlpDecodeError } from './otlp-codec';

// The OTLP trace schema, embedded as text so nothing is read from disk at runtime (Next.js bundles
// this file). The definitions are from opentelemetry-proto (https://github.com/open-telemetry/opentelemetry-proto,
// Apache-2.0), trimmed of comments and options; field numbers and types are exactly upstream's (the one
// wire-compatible change, AnyValue's oneof, is explained there). Fields added
// upstream later (e.g. Resource.entity_refs) are simply skipped as unknown fields by the decoder.
// `import` lines are left out: everything is parsed into one Root, and references are fully qualified.

// protobufjs 8 verifies UTF-8 in proto3 strings by default, so one bad byte in one attribute would
// fail the whole request. Like the Collector (whose decoder does not verify either), decode
// leniently instead: invalid sequences become U+FFFD, and the Buffer reader's native utf8Slice is used.
const LENIENT_UTF8 = 'option features.utf8_validation = NONE;';

const COMMON_PROTO = `
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

const RESOURCE_PROTO = `
syntax = "proto3";
package opentelemetry.proto.resource.v1;
${LENIENT_UTF8}

message Resource {
  repeated opentelemetry.proto.common.v1.KeyValue attributes = 1;
  uint32 dropped_attributes_count = 2;
}
`;

const TRACE_PROTO = `
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

const TRACE_SERVICE_PROTO = `
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

// OTLP/HTTP answers a failed request with a google.rpc.Status body (googleapis, Apache-2.0).
const RPC_STATUS_PROTO = `
syntax = "proto3";
package google.protobuf;
${LENIENT_UTF8}
message Any {
  string type_url = 1;
  bytes value = 2;
}
`;
const GOOGLE_RPC_STATUS_PROTO = `
syntax = "proto3";
package google.rpc;
${LENIENT_UTF8}
message Status {
  int32 code = 1;
  string message = 2;
  repeated google.protobuf.Any details = 3;
}
`;

// fixed64 nanosecond timestamps exceed 2^53: decode them as Long (exact) rather than as lossy numbers.
// Set explicitly because protobufjs's own lookup of `long` (a dynamic require) does not survive bundling.
protobuf.util.Long = Long;
protobuf.configure();

const buildRoot = (): protobuf.Root => {
  const root = new protobuf.Root();
  for (const text of [COMMON_PROTO, RESOURCE_PROTO, TRACE_PROTO, TRACE_SERVICE_PROTO, RPC_STATUS_PROTO, GOOGLE_RPC_STATUS_PROTO]) {
    protobuf.parse(text, root, { keepCase: false });
  }
  root.resolveAll();
  return root;
};

/** The protobufjs Root holding the OTLP trace schema (camelCase field names). */
export const otlpRoot = buildRoot();

/** The message types the ingest uses; exported for tests that build requests by hand. */
export const otlpTypes = {
  ExportTraceServiceRequest: otlpRoot.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest'),
  ExportTraceServiceResponse: otlpRoot.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse'),
  RpcStatus: otlpRoot.lookupType('google.rpc.Status'),
};

/**
 * A decoded ExportTraceServiceRequest, as protobufjs gives it: camelCase fields, bytes as
 * Uint8Array, 64-bit values as Long, unset fields read as their defaults (from the prototype).
 */
export type ExportTraceServiceRequestMessage = protobuf.Message & { resourceSpans: unknown[] };

/** Decodes an ExportTraceServiceRequest; throws OtlpDecodeError when the bytes are not one. */
export const decodeExportRequestProtobuf = (bytes: Uint8Array): ExportTraceServiceRequestMessage => {
  // A Buffer view (no copy) makes protobufjs use its Buffer reader: native utf8 decoding, Buffer slices.
  const buffer = bufferView(bytes);
  try {
    return otlpTypes.ExportTraceServiceRequest.decode(buffer) as ExportTraceServiceRequestMessage;
  } catch (error) {
    // protobufjs throws RangeError / Error with messages like "index out of range: 3 + 1 > 3"
    const detail = error instanceof Error ? error.message : String(error);
    throw new OtlpDecodeError(`invalid OTLP/protobuf ExportTraceServiceRequest: ${detail}`);
  }
};

// protobufjs writes into a plain ArrayBuffer (never a SharedArrayBuffer); saying so lets the bytes
// be a fetch Response body under TypeScript's DOM types.
const asBody = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => bytes as Uint8Array<ArrayBuffer>;

/** What an export response reports back; null means every span was accepted. */
export type ExportPartialSuccess = { rejectedSpans: number; errorMessage: string };

/** Encodes an ExportTraceServiceResponse; null (full success) gives the empty message. */
export const encodeExportResponseProtobuf = (partialSuccess: ExportPartialSuccess | null): Uint8Array<ArrayBuffer> => {
  const { ExportTraceServiceResponse } = otlpTypes;
  if (partialSuccess === null) return asBody(ExportTraceServiceResponse.encode(ExportTraceServiceResponse.create({})).finish());
  const message = ExportTraceServiceResponse.create({
    partialSuccess: {
      rejectedSpans: Long.fromNumber(partialSuccess.rejectedSpans),
      errorMessage: partialSuccess.errorMessage,
    },
  });
  return asBody(ExportTraceServiceResponse.encode(message).finish());
};

/** Encodes a google.rpc.Status, the body OTLP/HTTP sends with a 4xx/5xx. */
export const encodeRpcStatusProtobuf = (code: number, message: string): Uint8Array<ArrayBuffer> => {
  const { RpcStatus } = otlpTypes;
  return asBody(RpcStatus.encode(RpcStatus.create({ code, message, details: [] })).finish());
};
