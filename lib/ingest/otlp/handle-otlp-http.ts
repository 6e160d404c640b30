import type { DecodedBatch } from '@/lib/model/span-record';
import { checkIngestAuth } from '@/lib/ingest/check-ingest-auth';
import { clientAddressOf, logAuthRefusal } from '@/lib/ingest/log-auth-refusal';
import { ingestBatch, summarizeRejections, type IngestOutcome } from '@/lib/ingest/ingest-batch';
import type { IngestHttpDeps } from '@/lib/ingest/ingest-deps';
import { IngestError } from '@/lib/ingest/ingest-errors';
import { readBody } from '@/lib/ingest/read-body';
import { heldForBody } from '@/lib/ingest/memory-budget';
import { decodeOtlpJson } from './decode-otlp-json';
import { decodeOtlpProtobuf } from './decode-otlp-protobuf';
import { toExportResponseJson, toRpcStatusJson } from './otlp-json-response';
import { encodeExportResponseProtobuf, encodeRpcStatusProtobuf } from './otlp-proto';

// OTLP/HTTP trace ingest, as the spec asks (opentelemetry-proto docs/specification.md,
// "OTLP/HTTP"): protobuf or JSON, gzip, the response in the request's encoding, partial
// success for rejected spans (even when every span was), 400 (not retryable) for undecodable
// data with a google.rpc.Status body, 413 / 415, and 503 + Retry-After (retryable) when the
// queue is full.

export type Encoding = 'protobuf' | 'json';

export const MEDIA_TYPES: Record<string, Encoding> = {
  'application/x-protobuf': 'protobuf',
  'application/protobuf': 'protobuf',
  'application/json': 'json',
};

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'content-type, content-encoding, authorization, x-api-key',
  'access-control-allow-methods': 'POST, OPTIONS',
};

/** RFC 9110: a 401 names the scheme the client should use */
const challenge = (err: IngestError): Record<string, string> => (err.code === 'unauthenticated' ? { 'www-authenticate': 'Bearer' } : {});

/** An OTLP/HTTP refusal: google.rpc.Status in the request's encoding, with the error's status and Retry-After. */
export const statusResponse = (encoding: Encoding, err: IngestError) => {
  const { httpStatus: status, rpcStatusCode: code } = err.answer;
  return encoding === 'protobuf'
    ? new Response(encodeRpcStatusProtobuf(code, err.message), {
        status,
        headers: { 'content-type': 'application/x-protobuf', ...CORS, ...err.retryHeaders, ...challenge(err) },
      })
    : Response.json(toRpcStatusJson(code, err.message), { status, headers: { ...CORS, ...err.retryHeaders, ...challenge(err) } });
};

/** POST /v1/traces */
export const handleOtlpHttp = async (req: Request, deps: IngestHttpDeps): Promise<Response> => {
  const mediaType = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const encoding = MEDIA_TYPES[mediaType];
  const auth = checkIngestAuth((name) => req.headers.get(name), deps.tokens);
  if (!auth.ok) {
    logAuthRefusal('OTLP/HTTP', clientAddressOf(req), auth.form);
    deps.metrics?.requestRefused('otlp_http', 'unauthenticated');
    return statusResponse(encoding ?? 'json', new IngestError('unauthenticated', auth.message));
  }
  if (!encoding) {
    const message = `unsupported Content-Type "${mediaType}"; send application/x-protobuf or application/json`;
    deps.metrics?.requestRefused('otlp_http', 'unsupported-media-type');
    return statusResponse('json', new IngestError('unsupported-media-type', message));
  }
  let outcome: IngestOutcome;
  try {
    let body: Uint8Array | undefined = await readBody(req, { maxBytes: deps.maxBodyBytes });
    deps.metrics?.bytesReceived('otlp_http', body.length);
    let batch: DecodedBatch;
    try {
      batch = encoding === 'protobuf' ? decodeOtlpProtobuf(body) : decodeOtlpJson(new TextDecoder().decode(body));
    } catch (err) {
      throw new IngestError('undecodable', `cannot decode OTLP ${encoding} request: ${(err as Error).message}`);
    }
    body = undefined; // the bytes may be collected while the spans wait to be committed
    void body;
    outcome = await ingestBatch(batch, deps, heldForBody(req, deps), 'otlp_http');
  } catch (err) {
    if (err instanceof IngestError) {
      deps.metrics?.requestRefused('otlp_http', err.code);
      return statusResponse(encoding, err);
    }
    throw err;
  }

  const { rejected } = outcome;
  const partial = rejected.length > 0 ? { rejectedSpans: rejected.length, errorMessage: summarizeRejections(rejected) } : null;
  if (encoding === 'protobuf') {
    return new Response(encodeExportResponseProtobuf(partial), {
      status: 200,
      headers: { 'content-type': 'application/x-protobuf', ...CORS },
    });
  }
  return Response.json(toExportResponseJson(partial), { headers: CORS });
};

/** OPTIONS /v1/traces: CORS preflight for browser exporters. */
export const handleOtlpPreflight = (): Response => new Response(null, { status: 204, headers: { ...CORS, 'access-control-max-age': '86400' } });
