import Long from 'long';
import protobuf from 'protobufjs';

import { bufferView } from '@/lib/ingest/buffer-view';
import { OtlpDecodeError } from './otlp-codec';
import { LENIENT_UTF8, OTLP_TRACE_SCHEMA } from '@/lib/model/otlp-proto-schema';

// The OTLP trace schema text lives in lib/model/otlp-proto-schema.ts (the Tempo API encodes with it).

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
  for (const text of [...OTLP_TRACE_SCHEMA, RPC_STATUS_PROTO, GOOGLE_RPC_STATUS_PROTO]) {
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
