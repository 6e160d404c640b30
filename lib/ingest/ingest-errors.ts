// Every way an ingest request can fail, and how each listener says so, in one table: the HTTP
// status (OTLP/HTTP, Jaeger HTTP, Zipkin), the gRPC status (OTLP/gRPC), the code inside the
// google.rpc.Status body of an OTLP/HTTP error, and the Retry-After that tells exporters to come
// back. Retryable failures are 503 / RESOURCE_EXHAUSTED / UNAVAILABLE with a Retry-After; the
// rest are the client's to fix and are not retried. UDP has nobody to answer and only logs.

// gRPC status codes by number (grpc/doc/statuscodes.md), so the HTTP handlers Next.js bundles do
// not pull in the gRPC library
const INVALID_ARGUMENT = 3;
const RESOURCE_EXHAUSTED = 8;
const UNAVAILABLE = 14;
const UNAUTHENTICATED = 16;

export type IngestErrorCode =
  | 'unauthenticated'
  | 'unsupported-media-type'
  | 'unsupported-encoding'
  | 'too-large'
  | 'undecodable'
  | 'nothing-storable'
  | 'overloaded'
  | 'closed'
  | 'failed';

export type IngestErrorAnswer = {
  httpStatus: number;
  grpcStatus: number;
  /** the code in an OTLP/HTTP error's google.rpc.Status body: OTLP/HTTP tells a full queue from shutdown by status only */
  rpcStatusCode: number;
  retryAfterSeconds?: number;
};

export const INGEST_ERRORS: Readonly<Record<IngestErrorCode, IngestErrorAnswer>> = {
  unauthenticated: { httpStatus: 401, grpcStatus: UNAUTHENTICATED, rpcStatusCode: UNAUTHENTICATED },
  'unsupported-media-type': { httpStatus: 415, grpcStatus: INVALID_ARGUMENT, rpcStatusCode: INVALID_ARGUMENT },
  'unsupported-encoding': { httpStatus: 415, grpcStatus: INVALID_ARGUMENT, rpcStatusCode: INVALID_ARGUMENT },
  // over the size limit on gRPC, grpc-js itself answers RESOURCE_EXHAUSTED before any handler runs
  'too-large': { httpStatus: 413, grpcStatus: RESOURCE_EXHAUSTED, rpcStatusCode: INVALID_ARGUMENT },
  undecodable: { httpStatus: 400, grpcStatus: INVALID_ARGUMENT, rpcStatusCode: INVALID_ARGUMENT },
  // Jaeger HTTP and Zipkin only: OTLP reports refused spans as partial_success, even all of them
  'nothing-storable': { httpStatus: 400, grpcStatus: INVALID_ARGUMENT, rpcStatusCode: INVALID_ARGUMENT },
  overloaded: { httpStatus: 503, grpcStatus: RESOURCE_EXHAUSTED, rpcStatusCode: UNAVAILABLE, retryAfterSeconds: 1 },
  closed: { httpStatus: 503, grpcStatus: UNAVAILABLE, rpcStatusCode: UNAVAILABLE, retryAfterSeconds: 5 },
  failed: { httpStatus: 503, grpcStatus: UNAVAILABLE, rpcStatusCode: UNAVAILABLE, retryAfterSeconds: 5 },
};

/** A failed ingest request; `message` is what the client reads. */
export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
  }

  get answer(): IngestErrorAnswer {
    return INGEST_ERRORS[this.code];
  }

  /** The Retry-After header of a retryable failure, else none. */
  get retryHeaders(): Record<string, string> {
    const seconds = this.answer.retryAfterSeconds;
    return seconds === undefined ? {} : { 'retry-after': String(seconds) };
  }
}

/**
 * The sink's rejection as an IngestError. The writer's OverloadedError and ClosedError are matched
 * by their `code`, not by instanceof: the launcher and Next.js's bundle each load their own copy of
 * the writer's module, and share the one writer the launcher created.
 */
export const fromSinkError = (err: unknown): IngestError => {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'overloaded' || code === 'closed') return new IngestError(code, String(message));
  return new IngestError('failed', `spans could not be stored: ${String(message)}`);
};
