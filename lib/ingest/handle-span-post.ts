import type { DecodedBatch } from '@/lib/model/span-record';
import { runtime } from '@/lib/server/runtime';
import { checkIngestAuth } from './check-ingest-auth';
import { ingestBatch, IngestWriteError, summarizeRejections } from './ingest-batch';
import { IngestHttpError, readBody } from './read-body';

// The HTTP ingest routes whose protocol answers in plain text (Jaeger's /api/traces, Zipkin's
// /api/v1|v2/spans): token, media type, body (gzip), decode, store, then 202 Accepted as Jaeger's
// collector and Zipkin answer. Spans the decoder refused are named in the 202's body; a request
// none of whose spans could be stored is a 400, so nothing is dropped without the client hearing.

export type SpanPostOptions = {
  /** e.g. 'Zipkin JSON v2', for messages */
  protocol: string;
  /** media type (lower case, no parameters) → decoder; '' is a request without Content-Type */
  decoders: Record<string, (body: Uint8Array) => DecodedBatch>;
};

const text = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(message ? `${message}\n` : null, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });

/** Handles one ingest POST in a plain-text-answering protocol. */
export const handleSpanPost = async (req: Request, { protocol, decoders }: SpanPostOptions): Promise<Response> => {
  const { env } = runtime();
  const auth = checkIngestAuth((name) => req.headers.get(name), env.INGEST_TOKENS);
  if (!auth.ok) return text(401, auth.message, { 'www-authenticate': 'Bearer' });

  const mediaType = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const decode = decoders[mediaType];
  if (!decode) {
    const accepted = Object.keys(decoders).filter((m) => m !== '').join(' or ');
    return text(415, `unsupported Content-Type "${mediaType}" for ${protocol}; send ${accepted}`);
  }
  let batch: DecodedBatch;
  try {
    const body = await readBody(req, { maxBytes: env.INGEST_MAX_BODY_BYTES });
    try {
      batch = decode(body);
    } catch (err) {
      throw new IngestHttpError(400, `cannot decode ${protocol}: ${(err as Error).message}`);
    }
  } catch (err) {
    if (err instanceof IngestHttpError) return text(err.status, err.message);
    throw err;
  }
  if (batch.records.length === 0 && batch.rejected.length > 0) return text(400, summarizeRejections(batch.rejected));

  try {
    const { rejected } = await ingestBatch(batch);
    return text(202, rejected.length > 0 ? summarizeRejections(rejected) : '');
  } catch (err) {
    if (!(err instanceof IngestWriteError)) throw err;
    return text(503, err.message, { 'retry-after': String(err.retryAfterSeconds) });
  }
};
