import Long from 'long';
import protobuf from 'protobufjs';
import type { ITracesData } from '@/lib/api/otlp-json/to-otlp-json';
import { LENIENT_UTF8, OTLP_TRACE_SCHEMA } from '@/lib/model/otlp-proto-schema';

// A trace as protobuf, the way Tempo answers `Accept: application/protobuf` (Grafana's backend
// always asks for it and decodes with proto.Unmarshal). The OTLP messages are the ingest's own
// schema (lib/model/otlp-proto-schema.ts); Tempo's two wrappers come from its tempopb/tempo.proto:
// `Trace { repeated ResourceSpans resourceSpans = 1 }` (byte for byte OTLP's TracesData; the v1
// answer) and `TraceByIDResponse { Trace trace = 1; …; PartialStatus status = 3; string message = 4 }`
// (the v2 answer). The spans start from the OTLP/JSON encoding api_v3 uses, so both formats
// carry the same fields.

const TEMPO_PROTO = `
syntax = "proto3";
package tempopb;
${LENIENT_UTF8}
message Trace { repeated opentelemetry.proto.trace.v1.ResourceSpans resource_spans = 1; }
enum PartialStatus { COMPLETE = 0; PARTIAL = 1; }
message TraceByIDResponse {
  Trace trace = 1;
  PartialStatus status = 3;
  string message = 4;
}
`;

protobuf.util.Long = Long; // fixed64 nanoseconds exceed 2^53 (see lib/ingest/otlp/otlp-proto.ts)
protobuf.configure();

const root = new protobuf.Root();
for (const text of [...OTLP_TRACE_SCHEMA, TEMPO_PROTO]) protobuf.parse(text, root, { keepCase: false });
root.resolveAll();
const TraceType = root.lookupType('tempopb.Trace');
const TraceByIdResponseType = root.lookupType('tempopb.TraceByIDResponse');

type Json = Record<string, unknown>;

const hexBytes = (hex: unknown) => (typeof hex === 'string' && hex !== '' ? Buffer.from(hex, 'hex') : undefined);

/** OTLP/JSON writes ids as hex, protobufjs reads strings for bytes fields as base64: ids become bytes first. */
const withIdBytes = (span: Json): Json => ({
  ...span,
  traceId: hexBytes(span.traceId),
  spanId: hexBytes(span.spanId),
  ...(span.parentSpanId !== undefined && { parentSpanId: hexBytes(span.parentSpanId) }),
  ...(Array.isArray(span.links) && {
    links: (span.links as Json[]).map((link) => ({ ...link, traceId: hexBytes(link.traceId), spanId: hexBytes(link.spanId) })),
  }),
});

const toMessageObject = (data: ITracesData) => ({
  resourceSpans: data.resourceSpans.map((rs) => ({
    ...rs,
    scopeSpans: rs.scopeSpans.map((ss) => ({ ...ss, spans: ss.spans.map((s) => withIdBytes(s as unknown as Json)) })),
  })),
});

/** tempopb.Trace (= OTLP TracesData), the body of `GET /api/traces/{id}` with Accept: application/protobuf. */
export const encodeTraceProtobuf = (data: ITracesData): Uint8Array<ArrayBuffer> =>
  TraceType.encode(TraceType.fromObject(toMessageObject(data))).finish() as Uint8Array<ArrayBuffer>;

/** tempopb.TraceByIDResponse with status COMPLETE, the body of `GET /api/v2/traces/{id}` with Accept: application/protobuf. */
export const encodeTraceByIdResponseProtobuf = (data: ITracesData): Uint8Array<ArrayBuffer> =>
  TraceByIdResponseType.encode(TraceByIdResponseType.fromObject({ trace: toMessageObject(data) })).finish() as Uint8Array<ArrayBuffer>;
