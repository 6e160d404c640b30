import type { APIRequestContext } from '@playwright/test';
import { toOtlpRequest, type SpanSpec } from './otlp-trace';

const CHUNK = 2_000; // ~1 MB of OTLP/JSON per request, well under INGEST_MAX_BODY_BYTES

/** POSTs a trace's spans through the real ingest endpoint (/v1/traces), in chunks; throws unless every chunk is accepted. */
export const sendSpans = async (request: APIRequestContext, traceId: string, spans: SpanSpec[]) => {
  for (let i = 0; i < spans.length; i += CHUNK) {
    const res = await request.post('/v1/traces', {
      headers: { 'content-type': 'application/json' },
      data: toOtlpRequest(traceId, spans.slice(i, i + CHUNK)),
    });
    if (res.status() !== 200) throw new Error(`ingest answered ${res.status()}: ${await res.text()}`);
    const body = await res.json();
    if (body.partialSuccess?.rejectedSpans) throw new Error(`ingest rejected spans: ${JSON.stringify(body.partialSuccess)}`);
  }
};
