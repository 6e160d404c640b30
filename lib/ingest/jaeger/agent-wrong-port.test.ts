import dgram from 'node:dgram';
import { afterEach, expect, test, vi } from 'vitest';
import { startJaegerAgentUdp } from './start-jaeger-agent-udp';
import { encodeEmitBatch } from '@/lib/ingest/jaeger/testing/encode-jaeger-thrift';
import type { SpanRecord } from '@/lib/model/span-record';

// A client pointed at the wrong agent port reports success and loses everything; the log line
// says where it belongs instead of only "Bad protocol identifier".

const batch = {
  process: { serviceName: 'wrong-port', tags: [] },
  spans: [{ traceIdHigh: 0n, traceIdLow: 7n, spanId: 1n, parentSpanId: 0n, operationName: 'op', references: [], flags: 1, startTime: BigInt(Date.now()) * 1000n, duration: 5n, tags: [], logs: [] }],
};

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const stop of stops.splice(0)) await stop();
});

test.each([
  ['compact', 'binary', 6832, /binary Thrift received on the compact port \d+ from 127\.0\.0\.1: point this client at 6832/],
  ['binary', 'compact', 6831, /compact Thrift received on the binary port \d+ from 127\.0\.0\.1: point this client at 6831/],
] as const)('a %s port receiving %s Thrift says which port the client belongs on', async (protocol, sent, otherPort, line) => {
  const lines: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((l: string) => void lines.push(l));
  const stored: SpanRecord[] = [];
  const udp = await startJaegerAgentUdp('127.0.0.1', 0, protocol, { sink: { write: async (r) => void stored.push(...r) }, retentionDays: 30 }, otherPort);
  stops.push(udp.close);
  const client = dgram.createSocket('udp4');
  await new Promise<void>((r) => client.send(encodeEmitBatch(batch, sent), udp.socket.address().port, '127.0.0.1', () => r()));
  client.close();
  for (let i = 0; i < 50 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(lines.join('\n')).toMatch(line);
  expect(stored).toEqual([]);
});
