import thrift from 'thrift';
import type { Batch, Log, Span, SpanRef, Tag } from '@/lib/ingest/jaeger/wire-types';
import type { ThriftProtocolName } from '@/lib/ingest/jaeger/read-jaeger-thrift';

// Test helper: encodes Jaeger Thrift structs with the Apache Thrift library's writers (compact or
// binary), for payloads no npm client produces (compact-protocol emitBatch, several references,
// 128-bit ids). Fields left undefined are not written.

const { Type, MessageType } = thrift.Thrift;

type Writer = {
  writeMessageBegin(name: string, type: number, seqid: number): void;
  writeMessageEnd(): void;
  writeStructBegin(name: string): void;
  writeStructEnd(): void;
  writeFieldBegin(name: string, type: number, id: number): void;
  writeFieldEnd(): void;
  writeFieldStop(): void;
  writeListBegin(etype: number, size: number): void;
  writeListEnd(): void;
  writeBool(v: boolean): void;
  writeI32(v: number): void;
  writeI64(v: unknown): void;
  writeDouble(v: number): void;
  writeString(v: string): void;
  writeBinary(v: Buffer): void;
  flush(): void;
};

const i64 = (v: bigint) => (thrift as unknown as { fromBigInt: (v: bigint) => unknown }).fromBigInt(BigInt.asIntN(64, v));

const field = (w: Writer, id: number, type: number, value: unknown, write: () => void) => {
  if (value === undefined) return;
  w.writeFieldBegin('', type, id);
  write();
  w.writeFieldEnd();
};

const list = <T>(w: Writer, items: T[], write: (item: T) => void) => {
  w.writeListBegin(Type.STRUCT, items.length);
  items.forEach(write);
  w.writeListEnd();
};

const writeTag = (w: Writer, t: Tag) => {
  w.writeStructBegin('Tag');
  field(w, 1, Type.STRING, t.key, () => w.writeString(t.key!));
  field(w, 2, Type.I32, t.vType, () => w.writeI32(t.vType!));
  field(w, 3, Type.STRING, t.vStr, () => w.writeString(t.vStr!));
  field(w, 4, Type.DOUBLE, t.vDouble, () => w.writeDouble(t.vDouble!));
  field(w, 5, Type.BOOL, t.vBool, () => w.writeBool(t.vBool!));
  field(w, 6, Type.I64, t.vLong, () => w.writeI64(i64(t.vLong!)));
  field(w, 7, Type.STRING, t.vBinary, () => w.writeBinary(Buffer.from(t.vBinary!)));
  w.writeFieldStop();
  w.writeStructEnd();
};

const writeLog = (w: Writer, l: Log) => {
  w.writeStructBegin('Log');
  field(w, 1, Type.I64, l.timestamp, () => w.writeI64(i64(l.timestamp!)));
  field(w, 2, Type.LIST, l.fields, () => list(w, l.fields, (t) => writeTag(w, t)));
  w.writeFieldStop();
  w.writeStructEnd();
};

const writeRef = (w: Writer, r: SpanRef) => {
  w.writeStructBegin('SpanRef');
  field(w, 1, Type.I32, r.refType, () => w.writeI32(r.refType!));
  field(w, 2, Type.I64, r.traceIdLow, () => w.writeI64(i64(r.traceIdLow!)));
  field(w, 3, Type.I64, r.traceIdHigh, () => w.writeI64(i64(r.traceIdHigh!)));
  field(w, 4, Type.I64, r.spanId, () => w.writeI64(i64(r.spanId!)));
  w.writeFieldStop();
  w.writeStructEnd();
};

const writeSpan = (w: Writer, s: Span) => {
  w.writeStructBegin('Span');
  field(w, 1, Type.I64, s.traceIdLow, () => w.writeI64(i64(s.traceIdLow!)));
  field(w, 2, Type.I64, s.traceIdHigh, () => w.writeI64(i64(s.traceIdHigh!)));
  field(w, 3, Type.I64, s.spanId, () => w.writeI64(i64(s.spanId!)));
  field(w, 4, Type.I64, s.parentSpanId, () => w.writeI64(i64(s.parentSpanId!)));
  field(w, 5, Type.STRING, s.operationName, () => w.writeString(s.operationName!));
  if (s.references.length > 0) field(w, 6, Type.LIST, s.references, () => list(w, s.references, (r) => writeRef(w, r)));
  field(w, 7, Type.I32, s.flags, () => w.writeI32(s.flags!));
  field(w, 8, Type.I64, s.startTime, () => w.writeI64(i64(s.startTime!)));
  field(w, 9, Type.I64, s.duration, () => w.writeI64(i64(s.duration!)));
  if (s.tags.length > 0) field(w, 10, Type.LIST, s.tags, () => list(w, s.tags, (t) => writeTag(w, t)));
  if (s.logs.length > 0) field(w, 11, Type.LIST, s.logs, () => list(w, s.logs, (l) => writeLog(w, l)));
  w.writeFieldStop();
  w.writeStructEnd();
};

const writeBatch = (w: Writer, b: Batch) => {
  w.writeStructBegin('Batch');
  field(w, 1, Type.STRUCT, b.process, () => {
    w.writeStructBegin('Process');
    field(w, 1, Type.STRING, b.process!.serviceName, () => w.writeString(b.process!.serviceName!));
    field(w, 2, Type.LIST, b.process!.tags, () => list(w, b.process!.tags, (t) => writeTag(w, t)));
    w.writeFieldStop();
    w.writeStructEnd();
  });
  field(w, 2, Type.LIST, b.spans, () => list(w, b.spans, (s) => writeSpan(w, s)));
  w.writeFieldStop();
  w.writeStructEnd();
};

const encode = (protocol: ThriftProtocolName, write: (w: Writer) => void): Buffer => {
  let out = Buffer.alloc(0);
  const transport = new thrift.TBufferedTransport(undefined, (buf?: Buffer) => void (out = Buffer.concat([out, buf ?? Buffer.alloc(0)])));
  const Proto = protocol === 'compact' ? thrift.TCompactProtocol : thrift.TBinaryProtocol;
  const w = new (Proto as unknown as new (t: unknown) => Writer)(transport);
  write(w);
  w.flush();
  return out;
};

/** A bare Batch, as POSTed to /api/traces. */
export const encodeJaegerBatch = (batch: Batch, protocol: ThriftProtocolName = 'binary'): Buffer => encode(protocol, (w) => writeBatch(w, batch));

/** An `Agent.emitBatch` oneway message, as sent to the agent's UDP ports. */
export const encodeEmitBatch = (batch: Batch, protocol: ThriftProtocolName, method = 'emitBatch'): Buffer =>
  encode(protocol, (w) => {
    w.writeMessageBegin(method, MessageType.ONEWAY, 1);
    w.writeStructBegin('Agent_emitBatch_args');
    field(w, 1, Type.STRUCT, batch, () => writeBatch(w, batch));
    w.writeFieldStop();
    w.writeStructEnd();
    w.writeMessageEnd();
  });
