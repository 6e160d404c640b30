import type { ExportPartialSuccess } from './otlp-proto';

// The OTLP/JSON forms of what the ingest answers. int64 fields are decimal strings in OTLP/JSON,
// hence rejectedSpans as a string. Send with Response.json(...) and Content-Type application/json.

/** ExportTraceServiceResponse in OTLP/JSON. */
export type ExportTraceServiceResponseJson = {
  partialSuccess?: { rejectedSpans: string; errorMessage: string };
};

/** google.rpc.Status in JSON (details are never sent). */
export type RpcStatusJson = { code: number; message: string };

/** `{}` when every span was accepted, else `{"partialSuccess":{"rejectedSpans":"2","errorMessage":"…"}}`. */
export const toExportResponseJson = (partialSuccess: ExportPartialSuccess | null): ExportTraceServiceResponseJson =>
  partialSuccess === null
    ? {}
    : {
        partialSuccess: {
          rejectedSpans: String(Math.trunc(partialSuccess.rejectedSpans)),
          errorMessage: partialSuccess.errorMessage,
        },
      };

/** The JSON google.rpc.Status OTLP/HTTP sends with a failed request, e.g. `{"code":3,"message":"…"}`. */
export const toRpcStatusJson = (code: number, message: string): RpcStatusJson => ({ code, message });
