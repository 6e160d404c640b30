import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';

// The standard gRPC health service (grpc/grpc-proto grpc/health/v1/health.proto, Apache-2.0),
// so load balancers, Kubernetes gRPC probes and grpc_health_probe can check the OTLP listener.
// Check answers at once; Watch sends the current status, then each change, until the caller leaves.

const HEALTH_PROTO = `
syntax = "proto3";
package grpc.health.v1;
message HealthCheckRequest { string service = 1; }
message HealthCheckResponse {
  enum ServingStatus { UNKNOWN = 0; SERVING = 1; NOT_SERVING = 2; SERVICE_UNKNOWN = 3; }
  ServingStatus status = 1;
}
`;

const root = protobuf.parse(HEALTH_PROTO).root;
const Request = root.lookupType('grpc.health.v1.HealthCheckRequest');
const Response = root.lookupType('grpc.health.v1.HealthCheckResponse');

export const ServingStatus = { SERVING: 1, NOT_SERVING: 2, SERVICE_UNKNOWN: 3 } as const;
type Status = (typeof ServingStatus)[keyof typeof ServingStatus];

type CheckRequest = { service: string };
// an object, not the bare name: grpc-js takes a falsy request ('' = the whole server) for no request at all
const decodeRequest = (buf: Buffer): CheckRequest => ({ service: (Request.decode(buf) as unknown as CheckRequest).service });
const encodeResponse = (status: Status) => Buffer.from(Response.encode({ status }).finish());

export type HealthService = { setServing: (serving: boolean) => void };

/** Adds grpc.health.v1.Health to `server`; `services` are the names it reports on ('' = the server). */
export const addHealthService = (server: grpc.Server, services: readonly string[]): HealthService => {
  let serving = true;
  const watchers = new Set<grpc.ServerWritableStream<CheckRequest, Status>>();
  const statusOf = (service: string): Status | undefined =>
    service === '' || services.includes(service) ? (serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING) : undefined;

  const method = (name: string, responseStream: boolean) => ({
    path: `/grpc.health.v1.Health/${name}`,
    requestStream: false,
    responseStream,
    requestDeserialize: decodeRequest,
    requestSerialize: (r: CheckRequest) => Buffer.from(Request.encode(r).finish()),
    responseSerialize: encodeResponse,
    responseDeserialize: () => ServingStatus.SERVING as Status,
  });
  server.addService(
    { Check: method('Check', false), Watch: method('Watch', true) },
    {
      Check: (call: grpc.ServerUnaryCall<CheckRequest, Status>, callback: grpc.sendUnaryData<Status>) => {
        const status = statusOf(call.request.service);
        if (status === undefined) callback({ code: grpc.status.NOT_FOUND, details: `unknown service ${call.request.service}` });
        else callback(null, status);
      },
      Watch: (call: grpc.ServerWritableStream<CheckRequest, Status>) => {
        call.write(statusOf(call.request.service) ?? ServingStatus.SERVICE_UNKNOWN);
        watchers.add(call);
        call.on('cancelled', () => watchers.delete(call));
      },
    },
  );
  return {
    setServing: (value) => {
      serving = value;
      for (const call of watchers) call.write(statusOf(call.request.service) ?? ServingStatus.SERVICE_UNKNOWN);
      if (!value) for (const call of watchers) call.end();
    },
  };
};
