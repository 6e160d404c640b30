import dgram from 'node:dgram';
import net from 'node:net';
import { describe, expect, test } from 'vitest';
import { startTestServer } from '@/lib/test/test-server';

// A gRPC or UDP ingest port that is taken stops the start with the same message as an HTTP one,
// naming the variable to change.

const busyTcp = () =>
  new Promise<net.Server>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
const busyUdp = () =>
  new Promise<dgram.Socket>((resolve) => {
    const s = dgram.createSocket('udp4');
    s.bind(0, '127.0.0.1', () => resolve(s));
  });

describe('a busy ingest port', () => {
  test('OTLP gRPC: the start stops and names OTLP_GRPC_PORT', async () => {
    const busy = await busyTcp();
    const port = (busy.address() as net.AddressInfo).port;
    await expect(startTestServer({ env: { OTLP_GRPC_PORT: String(port) } })).rejects.toThrow(
      new RegExp(`port ${port} on 127.0.0.1 is already in use: set OTLP_GRPC_PORT to a free port, or 0 to disable that listener`),
    );
    busy.close();
  });

  test('Jaeger agent UDP: the start stops and names JAEGER_AGENT_COMPACT_PORT', async () => {
    const busy = await busyUdp();
    const { port } = busy.address();
    await expect(startTestServer({ env: { JAEGER_AGENT_COMPACT_PORT: String(port) } })).rejects.toThrow(
      new RegExp(`port ${port} on 127.0.0.1 is already in use: set JAEGER_AGENT_COMPACT_PORT to a free port`),
    );
    busy.close();
  });
});
