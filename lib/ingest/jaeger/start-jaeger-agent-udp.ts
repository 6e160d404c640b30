import dgram from 'node:dgram';
import { logger } from '@/lib/log';
import { ingestBatch } from '@/lib/ingest/ingest-batch';
import type { IngestDeps } from '@/lib/ingest/ingest-deps';
import { decodeJaegerAgentDatagram } from './decode-jaeger-thrift';
import type { ThriftProtocolName } from './read-jaeger-thrift';

// The Jaeger agent's UDP ports: each datagram is one `Agent.emitBatch` oneway call (compact Thrift
// on 6831, binary on 6832), so there is nobody to answer. What cannot be decoded or stored, and
// the spans the decoder or the retention window refused, are logged (at most one line per kind of
// problem every 10 s, so a misconfigured client cannot flood the log) and counted.

const log = logger('jaeger-agent');

const isValidOn = (datagram: Uint8Array, protocol: ThriftProtocolName): boolean => {
  try {
    decodeJaegerAgentDatagram(datagram, protocol);
    return true;
  } catch {
    return false;
  }
};
const QUIET_MS = 10_000;
// jaeger clients send ≤ 65,000-byte datagrams; a larger buffer rides out bursts while a COPY runs
const RECEIVE_BUFFER_BYTES = 8 * 1024 * 1024;

export type JaegerAgentUdp = {
  socket: dgram.Socket;
  stats: { datagrams: number; spans: number; refused: number };
  close: () => Promise<void>;
};

/** Binds one agent port; rejects with the bind error when the port cannot be had. */
export const startJaegerAgentUdp = async (
  host: string,
  port: number,
  protocol: ThriftProtocolName,
  deps: IngestDeps,
  /** the other agent port (0: off), named when a datagram belongs there */
  otherPort?: number,
): Promise<JaegerAgentUdp> => {
  const socket = dgram.createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', recvBufferSize: RECEIVE_BUFFER_BYTES });
  const stats = { datagrams: 0, spans: 0, refused: 0 };
  const lastLogged = new Map<string, number>();
  const warn = (kind: string, message: string) => {
    const now = Date.now();
    if ((lastLogged.get(kind) ?? 0) + QUIET_MS > now) return;
    lastLogged.set(kind, now);
    log.warn(message);
  };

  socket.on('message', (datagram, from) => {
    stats.datagrams++;
    deps.metrics?.bytesReceived('jaeger_udp', datagram.length);
    let batch;
    try {
      batch = decodeJaegerAgentDatagram(datagram, protocol);
    } catch (err) {
      stats.refused++;
      deps.metrics?.requestRefused('jaeger_udp', 'undecodable');
      const other = protocol === 'compact' ? 'binary' : 'compact';
      if (isValidOn(datagram, other)) {
        // a client pointed at the wrong port reports success and loses everything: say where it belongs
        const where = otherPort ? `point this client at ${otherPort}` : `point this client at the ${other} agent port (turned off here)`;
        return warn('wrong-port', `${other} Thrift received on the ${protocol} port ${port} from ${from.address}: ${where}`);
      }
      return warn('decode', `datagram from ${from.address} on port ${port} is not a ${protocol}-Thrift emitBatch: ${(err as Error).message}`);
    }
    ingestBatch(batch, deps, 0, 'jaeger_udp').then(
      ({ accepted, rejected }) => {
        stats.spans += accepted;
        if (rejected.length > 0) warn('rejected', `${rejected.length} span(s) from ${from.address} refused: ${rejected[0].reason}`);
      },
      (err: Error) => {
        stats.refused++;
        warn('write', `${batch.records.length} span(s) from UDP dropped: ${err.message}`);
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      socket.on('error', (err) => warn('socket', `UDP port ${port}: ${err.message}`));
      resolve();
    });
  });
  const close = () => new Promise<void>((resolve) => socket.close(() => resolve()));
  return { socket, stats, close };
};
