import { IngestError } from './ingest-errors';
import { reservationForHttpBody, type MemoryBudget } from './memory-budget';
import { MEDIA_TYPES, statusResponse } from './otlp/handle-otlp-http';

// The HTTP side of the ingest memory budget (lib/ingest/memory-budget.ts), applied by the listener
// before the request reaches Next.js: Next reads a request body into memory as fast as it arrives,
// whatever the handler does with it, so a request must be refused before that, with its body left
// unread (Node discards it).

/** The ingest POST paths, on any port. */
const INGEST_PATHS = new Set(['/v1/traces', '/api/traces', '/api/v2/spans', '/api/v1/spans']);

type Headers = Record<string, string | string[] | undefined>;
const header = (headers: Headers, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

const MESSAGE = 'ingest memory budget is full (INGEST_MEMORY_BYTES); retry later';

/** The 503 + Retry-After in the protocol's own form: google.rpc.Status for OTLP, text for Jaeger and Zipkin. */
const refusal = (pathname: string, headers: Headers): Response => {
  const err = new IngestError('overloaded', MESSAGE);
  if (pathname === '/v1/traces') {
    const mediaType = (header(headers, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
    return statusResponse(MEDIA_TYPES[mediaType] ?? 'json', err);
  }
  return new Response(`${MESSAGE}\n`, { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8', ...err.retryHeaders } });
};

export type MemoryAdmission = { refused: Response } | { release: () => void } | undefined;

/**
 * For an ingest POST: its reservation (to release once it has been answered), or the answer that
 * refuses it. Undefined for any other request.
 */
export const admitIngestRequest = (method: string, pathname: string, headers: Headers, memory: MemoryBudget, maxBodyBytes: number): MemoryAdmission => {
  if (method !== 'POST' || !INGEST_PATHS.has(pathname)) return undefined;
  const bytes = reservationForHttpBody(header(headers, 'content-length'), header(headers, 'content-encoding'), maxBodyBytes);
  const release = memory.tryReserve(bytes);
  return release ? { release } : { refused: refusal(pathname, headers) };
};
