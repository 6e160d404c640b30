import type { TestProject } from 'vitest/node';
import 'vitest';
import { startTestServer, type IngestPorts, type TestServer } from './test-server';

// One shared Spanscope (with its own PostgreSQL) for the integration tests (*.int.test.ts).
// Tests read `baseUrl`, `otlpUrl`, `databaseUrl` and `ingestPorts` with inject(); each test uses service
// names of its own so that tests running side by side do not see each other's traces.

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    otlpUrl: string;
    databaseUrl: string;
    /** ports of the OTLP/gRPC, Jaeger, Zipkin and sampling listeners */
    ingestPorts: IngestPorts;
  }
}

let server: TestServer | undefined;

export async function setup(project: TestProject) {
  server = await startTestServer({ env: { INGEST_MAX_BODY_BYTES: String(4 * 1024 * 1024) } });
  project.provide('baseUrl', server.baseUrl);
  project.provide('otlpUrl', server.otlpUrl);
  project.provide('databaseUrl', server.databaseUrl);
  project.provide('ingestPorts', server.ingestPorts);
}

export async function teardown() {
  await server?.stop();
}
