import type { DecodedBatch } from '@/lib/model/span-record';
import { checkIngestAuth } from './check-ingest-auth';
import { clientAddressOf, logAuthRefusal } from './log-auth-refusal';
import { ingestBatch, storedNothing, summarizeRejections } from './ingest-batch';
import type { IngestHttpDeps } from './ingest-deps';
import { IngestError } from './ingest-errors';
import { readBody } from './read-body';
import { heldForBody } from './memory-budget';

// The HTTP ingest routes whose protocol answers in plain text (Jaeger's /api/traces, Zipkin's
// /api/v1|v2/spans): token, media type, body (gzip), decode, store, then 202 Accepted as Jaeger's
// collector and Zipkin answer. Spans refused (by the decoder or the retention window) are named in
// the 202's body; a request none of whose spans can be stored is a 400, so nothing is dropped
// without the client hearing.

export type SpanPostOptions = {
  /** e.g. 'Zipkin JSON v2', for messages */
  protocol: string;
  /** the protocol label of its /metrics counters, e.g. 'zipkin' */
  metricsLabel: string;
  /** media type (lower case, no parameters) → decoder; '' is a request without Content-Type */
  decoders: Record<string, (body: Uint8Array) => DecodedBatch>;
};

const text = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(message ? `${message}\n` : null, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });

const refusal = (err: IngestError) =>
  text(err.answer.httpStatus, err.message, err.code === 'unauthenticated' ? { 'www-authenticate': 'Bearer' } : err.retryHeaders);

/** Handles one ingest POST in a plain-text-answering protocol. */
export const handleSpanPost = async (req: Request, deps: IngestHttpDeps, { protocol, metricsLabel, decoders }: SpanPostOptions): Promise<Response> => {
  try {
    const auth = checkIngestAuth((name) => req.headers.get(name), deps.tokens);
    if (!auth.ok) {
      logAuthRefusal(protocol, clientAddressOf(req), auth.form);
      throw new IngestError('unauthenticated', auth.message);
    }

    const mediaType = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    const decode = decoders[mediaType];
    if (!decode) {
      const accepted = Object.keys(decoders).filter((m) => m !== '').join(' or ');
      throw new IngestError('unsupported-media-type', `unsupported Content-Type "${mediaType}" for ${protocol}; send ${accepted}`);
    }
    let body: Uint8Array | undefined = await readBody(req, { maxBytes: deps.maxBodyBytes });
    deps.metrics?.bytesReceived(metricsLabel, body.length);
    let batch: DecodedBatch;
    try {
      batch = decode(body);
    } catch (err) {
      throw new IngestError('undecodable', `cannot decode ${protocol}: ${(err as Error).message}`);
    }
    body = undefined; // the bytes may be collected while the spans wait to be committed
    void body;

    const outcome = await ingestBatch(batch, deps, heldForBody(req, deps), metricsLabel);
    if (storedNothing(outcome)) throw new IngestError('nothing-storable', summarizeRejections(outcome.rejected));
    return text(202, outcome.rejected.length > 0 ? summarizeRejections(outcome.rejected) : '');
  } catch (err) {
    if (err instanceof IngestError) {
      deps.metrics?.requestRefused(metricsLabel, err.code);
      return refusal(err);
    }
    throw err;
  }
};
