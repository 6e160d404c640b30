import thrift from 'thrift';

// Test helper: a Zipkin v1 Thrift body (a TBinaryProtocol list of zipkinCore.thrift `Span`s),
// written with the Apache Thrift library's binary writer, as py_zipkin's thrift encoder sends it.
// Fields left undefined are not written; ids and times are bigints.

const { Type } = thrift.Thrift;

type Writer = {
  writeStructBegin(name: string): void;
  writeStructEnd(): void;
  writeFieldBegin(name: string, type: number, id: number): void;
  writeFieldEnd(): void;
  writeFieldStop(): void;
  writeListBegin(etype: number, size: number): void;
  writeListEnd(): void;
  writeBool(v: boolean): void;
  writeI16(v: number): void;
  writeI32(v: number): void;
  writeI64(v: unknown): void;
  writeString(v: string): void;
  writeBinary(v: Buffer): void;
  flush(): void;
};

export type ThriftEndpoint = { ipv4?: number; port?: number; serviceName?: string; ipv6?: Buffer };
export type ThriftAnnotation = { timestamp: bigint; value: string; host?: ThriftEndpoint };
/** annotationType: 0 BOOL, 1 BYTES, 2 I16, 3 I32, 4 I64, 5 DOUBLE, 6 STRING */
export type ThriftBinaryAnnotation = { key: string; value: Buffer; annotationType: number; host?: ThriftEndpoint };
export type ThriftSpan = {
  traceId: bigint;
  traceIdHigh?: bigint;
  name: string;
  id: bigint;
  parentId?: bigint;
  annotations?: ThriftAnnotation[];
  binaryAnnotations?: ThriftBinaryAnnotation[];
  debug?: boolean;
  timestamp?: bigint;
  duration?: bigint;
};

const i64 = (v: bigint) => (thrift as unknown as { fromBigInt: (v: bigint) => unknown }).fromBigInt(BigInt.asIntN(64, v));

const field = (w: Writer, id: number, type: number, value: unknown, write: () => void) => {
  if (value === undefined) return;
  w.writeFieldBegin('', type, id);
  write();
  w.writeFieldEnd();
};

const writeEndpoint = (w: Writer, e: ThriftEndpoint) => {
  w.writeStructBegin('Endpoint');
  field(w, 1, Type.I32, e.ipv4, () => w.writeI32(e.ipv4! | 0));
  field(w, 2, Type.I16, e.port, () => w.writeI16((e.port! << 16) >> 16));
  field(w, 3, Type.STRING, e.serviceName, () => w.writeString(e.serviceName!));
  field(w, 4, Type.STRING, e.ipv6, () => w.writeBinary(e.ipv6!));
  w.writeFieldStop();
  w.writeStructEnd();
};

const writeSpan = (w: Writer, s: ThriftSpan) => {
  w.writeStructBegin('Span');
  field(w, 1, Type.I64, s.traceId, () => w.writeI64(i64(s.traceId)));
  field(w, 3, Type.STRING, s.name, () => w.writeString(s.name));
  field(w, 4, Type.I64, s.id, () => w.writeI64(i64(s.id)));
  field(w, 5, Type.I64, s.parentId, () => w.writeI64(i64(s.parentId!)));
  field(w, 6, Type.LIST, s.annotations ?? [], () => {
    w.writeListBegin(Type.STRUCT, (s.annotations ?? []).length);
    for (const a of s.annotations ?? []) {
      w.writeStructBegin('Annotation');
      field(w, 1, Type.I64, a.timestamp, () => w.writeI64(i64(a.timestamp)));
      field(w, 2, Type.STRING, a.value, () => w.writeString(a.value));
      field(w, 3, Type.STRUCT, a.host, () => writeEndpoint(w, a.host!));
      w.writeFieldStop();
      w.writeStructEnd();
    }
    w.writeListEnd();
  });
  field(w, 8, Type.LIST, s.binaryAnnotations ?? [], () => {
    w.writeListBegin(Type.STRUCT, (s.binaryAnnotations ?? []).length);
    for (const b of s.binaryAnnotations ?? []) {
      w.writeStructBegin('BinaryAnnotation');
      field(w, 1, Type.STRING, b.key, () => w.writeString(b.key));
      field(w, 2, Type.STRING, b.value, () => w.writeBinary(b.value));
      field(w, 3, Type.I32, b.annotationType, () => w.writeI32(b.annotationType));
      field(w, 4, Type.STRUCT, b.host, () => writeEndpoint(w, b.host!));
      w.writeFieldStop();
      w.writeStructEnd();
    }
    w.writeListEnd();
  });
  field(w, 9, Type.BOOL, s.debug, () => w.writeBool(s.debug!));
  field(w, 10, Type.I64, s.timestamp, () => w.writeI64(i64(s.timestamp!)));
  field(w, 11, Type.I64, s.duration, () => w.writeI64(i64(s.duration!)));
  field(w, 12, Type.I64, s.traceIdHigh, () => w.writeI64(i64(s.traceIdHigh!)));
  w.writeFieldStop();
  w.writeStructEnd();
};

/** A list of v1 spans in TBinaryProtocol (the body of POST /api/v1/spans, application/x-thrift). */
export const encodeZipkinThrift = (spans: ThriftSpan[]): Buffer => {
  let out = Buffer.alloc(0);
  const transport = new thrift.TBufferedTransport(undefined, (buf?: Buffer) => void (out = Buffer.concat([out, buf ?? Buffer.alloc(0)])));
  const w = new (thrift.TBinaryProtocol as unknown as new (t: unknown) => Writer)(transport);
  w.writeListBegin(Type.STRUCT, spans.length);
  for (const s of spans) writeSpan(w, s);
  w.writeListEnd();
  w.flush();
  return out;
};
