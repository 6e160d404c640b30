import type { DecodedBatch } from '@/lib/model/span-record';
import { readEmitBatch, readJaegerBatch, type ThriftProtocolName } from './read-jaeger-thrift';
import { jaegerBatchToRecords } from './to-span-records';

// Jaeger Thrift bytes → DecodedBatch. Throws (message meant for the client) when the bytes cannot be read.

/** The body of `POST /api/traces` (a binary-protocol Batch). */
export const decodeJaegerHttpBody = (bytes: Uint8Array): DecodedBatch => jaegerBatchToRecords(readJaegerBatch(bytes, 'binary'));

/** One Jaeger agent UDP datagram: `Agent.emitBatch` in the compact (6831) or binary (6832) protocol. */
export const decodeJaegerAgentDatagram = (bytes: Uint8Array, protocol: ThriftProtocolName): DecodedBatch =>
  jaegerBatchToRecords(readEmitBatch(bytes, protocol));
