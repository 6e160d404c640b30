import { handleSpanPost } from '@/lib/ingest/handle-span-post';
import type { IngestHttpDeps } from '@/lib/ingest/ingest-deps';
import { decodeZipkinJsonV1, decodeZipkinJsonV2 } from './decode-zipkin-json';
import { decodeZipkinProto } from './decode-zipkin-proto';
import { decodeZipkinThrift } from './decode-zipkin-thrift';

// Zipkin's HTTP collector: POST /api/v2/spans (JSON v2 or proto3 ListOfSpans) and /api/v1/spans
// (JSON v1, or v1 Thrift: a TBinaryProtocol list of Span, py_zipkin's default), gzip or not, 202 Accepted. A request without Content-Type is JSON, as in Zipkin.

const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** POST /api/v2/spans */
export const handleZipkinV2 = (req: Request, deps: IngestHttpDeps) =>
  handleSpanPost(req, deps, {
    protocol: 'Zipkin v2 spans',
    metricsLabel: 'zipkin',
    decoders: {
      'application/json': (b) => decodeZipkinJsonV2(utf8(b)),
      '': (b) => decodeZipkinJsonV2(utf8(b)),
      'application/x-protobuf': decodeZipkinProto,
      'application/protobuf': decodeZipkinProto,
    },
  });

/** POST /api/v1/spans */
export const handleZipkinV1 = (req: Request, deps: IngestHttpDeps) =>
  handleSpanPost(req, deps, {
    protocol: 'Zipkin v1 spans',
    metricsLabel: 'zipkin',
    decoders: {
      'application/json': (b) => decodeZipkinJsonV1(utf8(b)),
      '': (b) => decodeZipkinJsonV1(utf8(b)),
      'application/x-thrift': decodeZipkinThrift,
    },
  });
