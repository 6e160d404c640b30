import Long from 'long';
import protobuf from 'protobufjs';

// Test helper: a Zipkin JSON v2 span list encoded as proto3 ListOfSpans (zipkin.proto), as
// Zipkin's own reporters send it with `application/x-protobuf`.

const root = protobuf.parse(`
syntax = "proto3";
package zipkin.proto3;
message Span {
  bytes trace_id = 1; bytes parent_id = 2; bytes id = 3;
  enum Kind { SPAN_KIND_UNSPECIFIED = 0; CLIENT = 1; SERVER = 2; PRODUCER = 3; CONSUMER = 4; }
  Kind kind = 4; string name = 5; fixed64 timestamp = 6; uint64 duration = 7;
  Endpoint local_endpoint = 8; Endpoint remote_endpoint = 9;
  repeated Annotation annotations = 10; map<string, string> tags = 11; bool debug = 12; bool shared = 13;
}
message Endpoint { string service_name = 1; bytes ipv4 = 2; bytes ipv6 = 3; int32 port = 4; }
message Annotation { fixed64 timestamp = 1; string value = 2; }
message ListOfSpans { repeated Span spans = 1; }
`).root;
const ListOfSpans = root.lookupType('zipkin.proto3.ListOfSpans');

type JsonEndpoint = { serviceName?: string; ipv4?: string; port?: number };
type JsonSpan = {
  traceId: string;
  parentId?: string;
  id: string;
  kind?: string;
  name?: string;
  timestamp: number;
  duration?: number;
  localEndpoint?: JsonEndpoint;
  remoteEndpoint?: JsonEndpoint;
  annotations?: { timestamp: number; value: string }[];
  tags?: Record<string, string>;
  shared?: boolean;
};

const KINDS = ['SPAN_KIND_UNSPECIFIED', 'CLIENT', 'SERVER', 'PRODUCER', 'CONSUMER'];
const endpoint = (e?: JsonEndpoint) =>
  e && { serviceName: e.serviceName, ipv4: e.ipv4 ? Buffer.from(e.ipv4.split('.').map(Number)) : undefined, port: e.port };

/** Encodes JSON v2 spans as a ListOfSpans. */
export const encodeListOfSpans = (spans: JsonSpan[]): Uint8Array =>
  ListOfSpans.encode(
    ListOfSpans.fromObject({
      spans: spans.map((s) => ({
        traceId: Buffer.from(s.traceId, 'hex'),
        parentId: s.parentId ? Buffer.from(s.parentId, 'hex') : undefined,
        id: Buffer.from(s.id, 'hex'),
        kind: KINDS.indexOf(s.kind ?? 'SPAN_KIND_UNSPECIFIED'),
        name: s.name,
        timestamp: Long.fromNumber(s.timestamp, true),
        duration: Long.fromNumber(s.duration ?? 0, true),
        localEndpoint: endpoint(s.localEndpoint),
        remoteEndpoint: endpoint(s.remoteEndpoint),
        annotations: (s.annotations ?? []).map((a) => ({ timestamp: Long.fromNumber(a.timestamp, true), value: a.value })),
        tags: s.tags,
        shared: s.shared,
      })),
    }),
  ).finish();
