// Where this Spanscope accepts spans, with the ports actually configured (a port set to 0 is off),
// for the pages' "nothing has arrived yet" message (GET /api/ui/ingest).

export type IngestEndpoint = { protocol: string; address: string };

/** The listener ports of lib/env.ts (0 = off). */
export type IngestPorts = {
  PORT: number;
  OTLP_HTTP_PORT: number;
  OTLP_GRPC_PORT: number;
  JAEGER_HTTP_PORT: number;
  JAEGER_AGENT_COMPACT_PORT: number;
  ZIPKIN_PORT: number;
};

/** The ingest endpoints on `host`, in the order an OpenTelemetry user would try them. */
export const ingestEndpoints = (env: IngestPorts, host: string): IngestEndpoint[] => {
  const on = (port: number, protocol: string, address: string) => (port > 0 ? [{ protocol, address }] : []);
  return [
    ...on(env.OTLP_HTTP_PORT, 'OTLP/HTTP', `http://${host}:${env.OTLP_HTTP_PORT}/v1/traces`),
    ...on(env.OTLP_GRPC_PORT, 'OTLP/gRPC', `${host}:${env.OTLP_GRPC_PORT}`),
    ...on(env.PORT, 'OTLP/HTTP (UI port)', `http://${host}:${env.PORT}/v1/traces`),
    ...on(env.ZIPKIN_PORT, 'Zipkin', `http://${host}:${env.ZIPKIN_PORT}/api/v2/spans`),
    ...on(env.JAEGER_HTTP_PORT, 'Jaeger Thrift/HTTP', `http://${host}:${env.JAEGER_HTTP_PORT}/api/traces`),
    ...on(env.JAEGER_AGENT_COMPACT_PORT, 'Jaeger agent (UDP)', `${host}:${env.JAEGER_AGENT_COMPACT_PORT}`),
  ];
};
