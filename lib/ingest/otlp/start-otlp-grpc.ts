import * as grpc from '@grpc/grpc-js';
import { checkIngestAuth } from '@/lib/ingest/check-ingest-auth';
import { logAuthRefusal } from '@/lib/ingest/log-auth-refusal';
import { ingestBatch, summarizeRejections } from '@/lib/ingest/ingest-batch';
import type { IngestDeps } from '@/lib/ingest/ingest-deps';
import { IngestError } from '@/lib/ingest/ingest-errors';
import { decodeOtlpProtobuf } from './decode-otlp-protobuf';
import { HELD_BYTES_PER_BODY_BYTE, type MemoryBudget } from '@/lib/ingest/memory-budget';
import { addHealthService } from './grpc-health';
import { encodeExportResponseProtobuf } from './otlp-proto';

// OTLP/gRPC (opentelemetry-proto docs/specification.md, "OTLP/gRPC"): TraceService/Export with
// gzip (grpc-js decompresses, within the size limit), the same decoder and ingest path as OTLP/HTTP,
// partial_success for refused spans, and the status codes exporters act on (ingest-errors.ts): INVALID_ARGUMENT for
// undecodable data (not retried), UNAUTHENTICATED, RESOURCE_EXHAUSTED when the queue is full and
// UNAVAILABLE when shutting down (both retried), RESOURCE_EXHAUSTED above the size limit.

const SERVICE = 'opentelemetry.proto.collector.trace.v1.TraceService';

export type OtlpGrpcOptions = IngestDeps & { maxMessageBytes: number; tokens: readonly string[]; memory?: MemoryBudget };

export type OtlpGrpcServer = { server: grpc.Server; close: () => Promise<void> };

const identity = (b: Buffer) => b;

const LABEL = 'otlp_grpc';

const exportHandler =
  (deps: IngestDeps, tokens: readonly string[], memory: MemoryBudget | undefined) =>
  (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>): void => {
    const refuse = (cb: grpc.sendUnaryData<Buffer>, err: IngestError) => {
      deps.metrics?.requestRefused(LABEL, err.code);
      cb({ code: err.answer.grpcStatus, details: err.message });
    };
    const auth = checkIngestAuth((name) => {
      const v = call.metadata.get(name)[0];
      return v === undefined ? undefined : String(v);
    }, tokens);
    if (!auth.ok) {
      logAuthRefusal('OTLP/gRPC', call.getPeer(), auth.form, 'UNAUTHENTICATED');
      return refuse(callback, new IngestError('unauthenticated', auth.message));
    }
    // grpc-js has read the whole message by now; what the budget bounds here is its decoding and
    // its wait in the write queue (the HTTP listeners refuse before reading, see refuse-over-memory.ts)
    deps.metrics?.bytesReceived(LABEL, call.request.length);
    const held = Math.max(call.request.length, 1) * HELD_BYTES_PER_BODY_BYTE;
    const release = memory?.tryReserve(held);
    if (memory && !release) {
      return refuse(callback, new IngestError('overloaded', 'ingest memory budget is full (INGEST_MEMORY_BYTES); retry later'));
    }
    let batch;
    try {
      batch = decodeOtlpProtobuf(call.request);
    } catch (err) {
      release?.();
      return refuse(callback, new IngestError('undecodable', `cannot decode OTLP protobuf request: ${(err as Error).message}`));
    }
    ingestBatch(batch, { ...deps, memory }, held, LABEL).finally(() => release?.()).then(
      ({ rejected }) => {
        const partial = rejected.length > 0 ? { rejectedSpans: rejected.length, errorMessage: summarizeRejections(rejected) } : null;
        callback(null, Buffer.from(encodeExportResponseProtobuf(partial)));
      },
      (err: unknown) => {
        if (!(err instanceof IngestError)) return callback({ code: grpc.status.INTERNAL, details: String(err) });
        refuse(callback, err);
      },
    );
  };

/** Binds the OTLP/gRPC server; rejects with the bind error (EADDRINUSE…) when the port cannot be had. */
export const startOtlpGrpc = async (host: string, port: number, { maxMessageBytes, tokens, memory, ...deps }: OtlpGrpcOptions): Promise<OtlpGrpcServer> => {
  const server = new grpc.Server({ 'grpc.max_receive_message_length': maxMessageBytes });
  server.addService(
    {
      Export: {
        path: `/${SERVICE}/Export`,
        requestStream: false,
        responseStream: false,
        // raw bytes both ways: decoding inside the handler lets bad input be INVALID_ARGUMENT, not INTERNAL
        requestDeserialize: identity,
        requestSerialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    },
    { Export: exportHandler(deps, tokens, memory) },
  );
  const health = addHealthService(server, [SERVICE]);
  const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  await new Promise<void>((resolve, reject) =>
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err) => (err ? reject(err) : resolve())),
  );
  const close = () =>
    new Promise<void>((resolve) => {
      health.setServing(false);
      const force = setTimeout(() => server.forceShutdown(), 15_000);
      server.tryShutdown(() => (clearTimeout(force), resolve()));
    });
  return { server, close };
};
