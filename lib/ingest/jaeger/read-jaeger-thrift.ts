import thrift from 'thrift';
import { libraryToBigInt, readThriftStruct, type ThriftProtocol } from '@/lib/ingest/thrift-protocol';
import { bufferView } from '@/lib/ingest/buffer-view';
import { FastBinaryProtocol, FastCompactProtocol } from './fast-thrift-protocols';
import type { Batch, Log, Process, Span, SpanRef, Tag } from './wire-types';

// Reads Jaeger's Thrift structs from bytes with the Apache Thrift library's own protocols
// (TBinaryProtocol, TCompactProtocol): the library does the wire format (varints, zigzag, field
// deltas, skipping unknown fields); this file is what the Thrift compiler would generate from
// jaeger.thrift and agent.thrift: one loop per struct, a case per field id, unknown or mistyped
// fields skipped. Truncated or corrupt input throws JaegerThriftError.

const { Type, MessageType } = thrift.Thrift;

/** Bytes that are not a readable Thrift message; the message is meant for the client. */
export class JaegerThriftError extends Error {}

export type ThriftProtocolName = 'binary' | 'compact';

/** `fast`: the library's protocols with faster integer readers (fast-thrift-protocols.ts); `library`: as shipped. */
export type ThriftReader = 'fast' | 'library';

type Protocol = ThriftProtocol;

const toBigInt = (i64: unknown): bigint => (typeof i64 === 'bigint' ? i64 : libraryToBigInt(i64));

const protocolFor = (bytes: Uint8Array, name: ThriftProtocolName, reader: ThriftReader): Protocol => {
  let transport: unknown;
  const buffer = bufferView(bytes);
  // receiver() is the library's way to wrap received bytes in a readable transport
  (thrift.TBufferedTransport as unknown as { receiver: (cb: (t: unknown) => void) => (data: Buffer) => void }).receiver((t) => void (transport = t))(buffer);
  const Proto =
    reader === 'fast'
      ? name === 'compact'
        ? FastCompactProtocol
        : FastBinaryProtocol
      : name === 'compact'
        ? thrift.TCompactProtocol
        : thrift.TBinaryProtocol;
  return new (Proto as unknown as new (t: unknown) => Protocol)(transport);
};

const readStruct = readThriftStruct;

const readList = <T>(p: Protocol, etype: number, read: (p: Protocol) => T): T[] => {
  const { etype: actual, size } = p.readListBegin();
  const out: T[] = [];
  if (actual !== etype) {
    for (let i = 0; i < size; i++) p.skip(actual);
  } else {
    for (let i = 0; i < size; i++) out.push(read(p));
  }
  p.readListEnd();
  return out;
};

const readTag = (p: Protocol): Tag => {
  const tag: Tag = {};
  readStruct(p, (fid, t) => {
    if (fid === 1 && t === Type.STRING) tag.key = p.readString();
    else if (fid === 2 && t === Type.I32) tag.vType = p.readI32();
    else if (fid === 3 && t === Type.STRING) tag.vStr = p.readString();
    else if (fid === 4 && t === Type.DOUBLE) tag.vDouble = p.readDouble();
    else if (fid === 5 && t === Type.BOOL) tag.vBool = p.readBool();
    else if (fid === 6 && t === Type.I64) tag.vLong = toBigInt(p.readI64());
    else if (fid === 7 && t === Type.STRING) tag.vBinary = p.readBinary();
    else return false;
    return true;
  });
  return tag;
};

const readLog = (p: Protocol): Log => {
  const log: Log = { fields: [] };
  readStruct(p, (fid, t) => {
    if (fid === 1 && t === Type.I64) log.timestamp = toBigInt(p.readI64());
    else if (fid === 2 && t === Type.LIST) log.fields = readList(p, Type.STRUCT, readTag);
    else return false;
    return true;
  });
  return log;
};

const readSpanRef = (p: Protocol): SpanRef => {
  const ref: SpanRef = {};
  readStruct(p, (fid, t) => {
    if (fid === 1 && t === Type.I32) ref.refType = p.readI32();
    else if (fid === 2 && t === Type.I64) ref.traceIdLow = toBigInt(p.readI64());
    else if (fid === 3 && t === Type.I64) ref.traceIdHigh = toBigInt(p.readI64());
    else if (fid === 4 && t === Type.I64) ref.spanId = toBigInt(p.readI64());
    else return false;
    return true;
  });
  return ref;
};

const readSpan = (p: Protocol): Span => {
  const span: Span = { references: [], tags: [], logs: [] };
  readStruct(p, (fid, t) => {
    if (fid === 1 && t === Type.I64) span.traceIdLow = toBigInt(p.readI64());
    else if (fid === 2 && t === Type.I64) span.traceIdHigh = toBigInt(p.readI64());
    else if (fid === 3 && t === Type.I64) span.spanId = toBigInt(p.readI64());
    else if (fid === 4 && t === Type.I64) span.parentSpanId = toBigInt(p.readI64());
    else if (fid === 5 && t === Type.STRING) span.operationName = p.readString();
    else if (fid === 6 && t === Type.LIST) span.references = readList(p, Type.STRUCT, readSpanRef);
    else if (fid === 7 && t === Type.I32) span.flags = p.readI32();
    else if (fid === 8 && t === Type.I64) span.startTime = toBigInt(p.readI64());
    else if (fid === 9 && t === Type.I64) span.duration = toBigInt(p.readI64());
    else if (fid === 10 && t === Type.LIST) span.tags = readList(p, Type.STRUCT, readTag);
    else if (fid === 11 && t === Type.LIST) span.logs = readList(p, Type.STRUCT, readLog);
    else return false;
    return true;
  });
  return span;
};

const readProcess = (p: Protocol): Process => {
  const process: Process = { tags: [] };
  readStruct(p, (fid, t) => {
    if (fid === 1 && t === Type.STRING) process.serviceName = p.readString();
    else if (fid === 2 && t === Type.LIST) process.tags = readList(p, Type.STRUCT, readTag);
    else return false;
    return true;
  });
  return process;
};

const readBatchStruct = (p: Protocol): Batch => {
  const batch: Batch = { spans: [] };
  readStruct(p, (fid, t) => {
    if (fid === 1 && t === Type.STRUCT) batch.process = readProcess(p);
    else if (fid === 2 && t === Type.LIST) batch.spans = readList(p, Type.STRUCT, readSpan);
    else return false;
    return true;
  });
  return batch;
};

const explain = (err: unknown): JaegerThriftError => {
  if (err instanceof JaegerThriftError) return err;
  const e = err as Error;
  if (e?.name === 'InputBufferUnderrunError') return new JaegerThriftError('the data ends in the middle of a value (truncated or not Thrift)');
  return new JaegerThriftError(e?.message || String(err));
};

const atEnd = (read: () => Batch): Batch => {
  try {
    return read();
  } catch (err) {
    throw explain(err);
  }
};

/** A bare `Batch` struct, as Jaeger clients POST it to /api/traces (always binary protocol). */
export const readJaegerBatch = (bytes: Uint8Array, protocol: ThriftProtocolName = 'binary', reader: ThriftReader = 'fast'): Batch =>
  atEnd(() => {
    if (bytes.length === 0) throw new JaegerThriftError('the body is empty');
    return readBatchStruct(protocolFor(bytes, protocol, reader));
  });

/** The `Agent.emitBatch` oneway call one UDP datagram holds (compact on 6831, binary on 6832). */
export const readEmitBatch = (bytes: Uint8Array, protocol: ThriftProtocolName, reader: ThriftReader = 'fast'): Batch =>
  atEnd(() => {
    if (bytes.length === 0) throw new JaegerThriftError('the datagram is empty');
    const p = protocolFor(bytes, protocol, reader);
    const { fname, mtype } = p.readMessageBegin();
    const name = String(fname);
    if (mtype !== MessageType.ONEWAY && mtype !== MessageType.CALL) throw new JaegerThriftError(`unexpected Thrift message type ${mtype}`);
    if (name !== 'emitBatch') {
      throw new JaegerThriftError(`unsupported Agent method ${JSON.stringify(name.slice(0, 40))}; only emitBatch (jaeger.thrift spans) is accepted`);
    }
    let batch: Batch | undefined;
    readStruct(p, (fid, t) => {
      if (fid !== 1 || t !== Type.STRUCT) return false;
      batch = readBatchStruct(p);
      return true;
    });
    if (!batch) throw new JaegerThriftError('emitBatch carries no batch');
    return batch;
  });
