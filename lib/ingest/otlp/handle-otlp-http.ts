import type { DecodedBatch } from '@/lib/model/span-record';
import { runtime } from '@/lib/server/runtime';
import { checkIngestAuth } from '@/lib/ingest/check-ingest-auth';
import { ingestBatch, IngestWriteError, summarizeRejections, type IngestOutcome } from '@/lib/ingest/ingest-batch';
import { IngestHttpError, readBody } from '@/lib/ingest/read-body';
import { decodeOtlpJson } from './decode-otlp-json';
import { decodeOtlpProtobuf } from './decode-otlp-protobuf';
import { encodeExportResponseProtobuf, encodeRpcStatusProtobuf } from './otlp-proto';

// OTLP/HTTP trace ingest, as the spec asks (opentelemetry-proto docs/specification.md,
// "OTLP/HTTP"): protobuf or JSON, gzip, the response in the request's encoding, partial
// success for rejected spans, 400 (not retryable) for undecodable data with a google.rpc.Status
// body, 413 / 415, and 503 + Retry-After (retryable) when the queue is full.

type Encoding = 'protobuf' | 'json';

const GRPC_INVALID_ARGUMENT = 3;
const GRPC_UNAUTHENTICATED = 16;
const GRPC_RESOURCE_EXHAUSTED = 8;
const GRPC_UNAVAILABLE = 14;

const MEDIA_TYPES: Record<string, Encoding> = {
  'application/x-protobuf': 'protobuf',
  'application/protobuf': 'protobuf',
  'application/json': 'json',
};

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'content-type, content-encoding, authorization, x-api-key',
  'access-control-allow-methods': 'POST, OPTIONS',
};

const statusResponse = (encoding: Encoding, status: number, grpcCode: number, message: string, headers: Record<string, string> = {}) =>
  encoding === 'protobuf'
    ? new Response(encodeRpcStatusProtobuf(grpcCode, message), {
        status,
        headers: { 'content-type': 'application/x-protobuf', ...CORS, ...headers },
      })
    : Response.json({ code: grpcCode, message }, { status, headers: { ...CORS, ...headers } });

const grpcCodeOf = (status: number) =>
  status === 401 ? GRPC_UNAUTHENTICATED : status === 429 ? GRPC_RESOURCE_EXHAUSTED : status === 503 ? GRPC_UNAVAILABLE : GRPC_INVALID_ARGUMENT;

/** POST /v1/traces */
export const handleOtlpHttp = async (req: Request): Promise<Response> => {
  const mediaType = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const encoding = MEDIA_TYPES[mediaType];
  const { env } = runtime();
  const auth = checkIngestAuth((name) => req.headers.get(name), env.INGEST_TOKENS);
  if (!auth.ok) return statusResponse(encoding ?? 'json', 401, GRPC_UNAUTHENTICATED, auth.message);
  if (!encoding) {
    return statusResponse(
      'json',
      415,
      GRPC_INVALID_ARGUMENT,
      `unsupported Content-Type "${mediaType}"; send application/x-protobuf or application/json`,
    );
  }
  let batch: DecodedBatch;
  try {
    const body = await readBody(req, { maxBytes: env.INGEST_MAX_BODY_BYTES });
    try {
      batch = encoding === 'protobuf' ? decodeOtlpProtobuf(body) : decodeOtlpJson(new TextDecoder().decode(body));
    } catch (err) {
      throw new IngestHttpError(400, `cannot decode OTLP ${encoding} request: ${(err as Error).message}`);
    }
  } catch (err) {
    if (err instanceof IngestHttpError) return statusResponse(encoding, err.status, grpcCodeOf(err.status), err.message);
    throw err;
  }

  let outcome: IngestOutcome;
  try {
    outcome = await ingestBatch(batch);
  } catch (err) {
    if (!(err instanceof IngestWriteError)) throw err;
    return statusResponse(encoding, 503, GRPC_UNAVAILABLE, err.message, { 'retry-after': String(err.retryAfterSeconds) });
  }

  const { rejected } = outcome;
  const partial = rejected.length > 0 ? { rejectedSpans: rejected.length, errorMessage: summarizeRejections(rejected) } : null;
  if (encoding === 'protobuf') {
    return new Response(encodeExportResponseProtobuf(partial), {
      status: 200,
      headers: { 'content-type': 'application/x-protobuf', ...CORS },
    });
  }
  return Response.json(
    partial ? { partialSuccess: { rejectedSpans: String(partial.rejectedSpans), errorMessage: partial.errorMessage } } : {},
    { headers: CORS },
  );
};

/** OPTIONS /v1/traces: CORS preflight for browser exporters. */
export const handleOtlpPreflight = (): Response => new Response(null, { status: 204, headers: { ...CORS, 'access-control-max-age': '86400' } });
