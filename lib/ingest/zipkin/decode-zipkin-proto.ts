import type Long from 'long';
import protobuf from 'protobufjs';
import { spanKindWord } from '@/lib/model/conventions';
import { SpanKind, type DecodedBatch } from '@/lib/model/span-record';
import { zipkinSpansToRecords } from './to-span-records';
import type { Endpoint, ZipkinSpan } from './wire-types';

// Zipkin's proto3 ListOfSpans (openzipkin/zipkin-api zipkin.proto, Apache-2.0; comments trimmed,
// field numbers and types exactly upstream's), decoded with protobufjs and converted to the JSON
// v2 shape so both encodings share one mapping.

const ZIPKIN_PROTO = `
syntax = "proto3";
package zipkin.proto3;
message Span {
  bytes trace_id = 1;
  bytes parent_id = 2;
  bytes id = 3;
  enum Kind { SPAN_KIND_UNSPECIFIED = 0; CLIENT = 1; SERVER = 2; PRODUCER = 3; CONSUMER = 4; }
  Kind kind = 4;
  string name = 5;
  fixed64 timestamp = 6;
  uint64 duration = 7;
  Endpoint local_endpoint = 8;
  Endpoint remote_endpoint = 9;
  repeated Annotation annotations = 10;
  map<string, string> tags = 11;
  bool debug = 12;
  bool shared = 13;
}
message Endpoint {
  string service_name = 1;
  bytes ipv4 = 2;
  bytes ipv6 = 3;
  int32 port = 4;
}
message Annotation {
  fixed64 timestamp = 1;
  string value = 2;
}
message ListOfSpans { repeated Span spans = 1; }
`;

const ListOfSpans = protobuf.parse(ZIPKIN_PROTO, { keepCase: false }).root.lookupType('zipkin.proto3.ListOfSpans');

// Span.Kind's numbering (not OTLP's); SPAN_KIND_UNSPECIFIED is a local span, as an absent kind in JSON
const PROTO_KINDS = [undefined, SpanKind.CLIENT, SpanKind.SERVER, SpanKind.PRODUCER, SpanKind.CONSUMER];
const kindName = (protoKind = 0): string | undefined => {
  const kind = PROTO_KINDS[protoKind];
  return kind === undefined ? undefined : spanKindWord(kind)?.toUpperCase();
};

type ProtoEndpoint = { serviceName?: string; ipv4?: Uint8Array; ipv6?: Uint8Array; port?: number };
type ProtoSpan = {
  traceId?: Uint8Array;
  parentId?: Uint8Array;
  id?: Uint8Array;
  kind?: number;
  name?: string;
  timestamp?: Long;
  duration?: Long;
  localEndpoint?: ProtoEndpoint;
  remoteEndpoint?: ProtoEndpoint;
  annotations?: { timestamp?: Long; value?: string }[];
  tags?: Record<string, string>;
  debug?: boolean;
  shared?: boolean;
};

const hex = (b?: Uint8Array) => (b && b.length > 0 ? Buffer.from(b).toString('hex') : undefined);
const micros = (l?: Long) => (l ? l.toString() : undefined); // decimal text: exact beyond 2^53

const ipv6Text = (b: Uint8Array): string => {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i] << 8) | b[i + 1]).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::').replace(/:{3,}/, '::');
};

const toEndpoint = (e?: ProtoEndpoint | null): Endpoint | undefined => {
  if (!e) return undefined;
  return {
    serviceName: e.serviceName || undefined,
    ipv4: e.ipv4?.length === 4 ? Array.from(e.ipv4).join('.') : undefined,
    ipv6: e.ipv6?.length === 16 ? ipv6Text(e.ipv6) : undefined,
    port: e.port || undefined,
  };
};

const toZipkinSpan = (s: ProtoSpan): ZipkinSpan => ({
  traceId: hex(s.traceId),
  parentId: hex(s.parentId),
  id: hex(s.id),
  kind: kindName(s.kind),
  name: s.name,
  timestamp: micros(s.timestamp),
  duration: micros(s.duration),
  localEndpoint: toEndpoint(s.localEndpoint),
  remoteEndpoint: toEndpoint(s.remoteEndpoint),
  annotations: (s.annotations ?? []).map((a) => ({ timestamp: micros(a.timestamp), value: a.value })),
  tags: s.tags,
  debug: s.debug,
  shared: s.shared,
});

/** A Zipkin proto3 ListOfSpans body. Throws when the bytes are not one. */
export const decodeZipkinProto = (bytes: Uint8Array): DecodedBatch => {
  let message: { spans?: ProtoSpan[] };
  try {
    message = ListOfSpans.decode(bytes) as unknown as { spans?: ProtoSpan[] };
  } catch (err) {
    throw new Error(`body is not a protobuf ListOfSpans: ${(err as Error).message}`);
  }
  return zipkinSpansToRecords((message.spans ?? []).map(toZipkinSpan));
};
