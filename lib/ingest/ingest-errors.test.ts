import { describe, expect, it } from 'vitest';
import { fromSinkError, INGEST_ERRORS, IngestError } from './ingest-errors';

describe('INGEST_ERRORS', () => {
  it('answers retryable failures with 503 and a Retry-After, and tells a full queue from shutdown on gRPC', () => {
    expect(INGEST_ERRORS.overloaded).toEqual({ httpStatus: 503, grpcStatus: 8, rpcStatusCode: 14, retryAfterSeconds: 1 });
    expect(INGEST_ERRORS.closed).toEqual({ httpStatus: 503, grpcStatus: 14, rpcStatusCode: 14, retryAfterSeconds: 5 });
    expect(INGEST_ERRORS.failed).toEqual({ httpStatus: 503, grpcStatus: 14, rpcStatusCode: 14, retryAfterSeconds: 5 });
  });

  it('answers what the client must fix without a Retry-After', () => {
    for (const code of ['unauthenticated', 'unsupported-media-type', 'unsupported-encoding', 'too-large', 'undecodable', 'nothing-storable'] as const) {
      expect(INGEST_ERRORS[code].httpStatus).toBeLessThan(500);
      expect(new IngestError(code, 'x').retryHeaders).toEqual({});
    }
    expect(INGEST_ERRORS.unauthenticated).toMatchObject({ httpStatus: 401, grpcStatus: 16, rpcStatusCode: 16 });
    expect(INGEST_ERRORS.undecodable).toMatchObject({ httpStatus: 400, grpcStatus: 3, rpcStatusCode: 3 });
  });
});

describe('fromSinkError', () => {
  it("recognises the writer's errors by code, so one thrown in the other module graph counts too", () => {
    const foreign = Object.assign(new Error('ingest queue is full; retry later'), { code: 'overloaded' });
    const err = fromSinkError(foreign);
    expect(err).toBeInstanceOf(IngestError);
    expect([err.code, err.message]).toEqual(['overloaded', 'ingest queue is full; retry later']);
    expect(err.retryHeaders).toEqual({ 'retry-after': '1' });
    expect(fromSinkError({ code: 'closed', message: 'server is shutting down' })).toMatchObject({ code: 'closed', message: 'server is shutting down' });
  });

  it('makes anything else a failure naming the cause', () => {
    const err = fromSinkError(new Error('connection refused'));
    expect([err.code, err.message]).toEqual(['failed', 'spans could not be stored: connection refused']);
    expect(err.retryHeaders).toEqual({ 'retry-after': '5' });
  });
});
