import thrift from 'thrift';
import { libraryToBigInt, readThriftStruct, type ThriftProtocol } from '@/lib/ingest/thrift-protocol';
import { bufferView } from '@/lib/ingest/buffer-view';
import type { DecodedBatch } from '@/lib/model/span-record';
import { zipkinSpansToRecords } from './to-span-records';
import type { Endpoint } from './wire-types';
import { zipkinV1ListToV2, type ZipkinV1Span } from './zipkin-v1-to-v2';

// Zipkin v1 Thrift (`POST /api/v1/spans`, `application/x-thrift`): a TBinaryProtocol list of v1
// `Span` structs from zipkinCore.thrift, py_zipkin's default encoding. Read with the Apache Thrift
// library's binary protocol into the v1 JSON model, then converted as v1 JSON is
// (zipkin-v1-to-v2.ts). As Zipkin's own collector does, a body that starts with a span rather than
// a list header is one span. Binary annotations: STRING values are tags; a BOOL `ca`/`sa`/`ma`
// names an address; the other numeric types are kept in their decimal form, BYTES in base64.
//
// zipkinCore.thrift:
//   struct Endpoint { 1: i32 ipv4, 2: i16 port, 3: string service_name, 4: optional binary ipv6 }
//   struct Annotation { 1: i64 timestamp, 2: string value, 3: optional Endpoint host }
//   struct BinaryAnnotation { 1: string key, 2: binary value, 3: AnnotationType annotation_type, 4: optional Endpoint host }
//   struct Span { 1: i64 trace_id, 3: string name, 4: i64 id, 5: optional i64 parent_id,
//     6: list<Annotation> annotations, 8: list<BinaryAnnotation> binary_annotations,
//     9: optional bool debug, 10: optional i64 timestamp, 11: optional i64 duration, 12: optional i64 trace_id_high }
//   enum AnnotationType { BOOL, BYTES, I16, I32, I64, DOUBLE, STRING }

const { Type } = thrift.Thrift;

type Protocol = ThriftProtocol;

const readU64 = (p: Protocol): bigint => BigInt.asUintN(64, libraryToBigInt(p.readI64()));
const hex16 = (v: bigint) => v.toString(16).padStart(16, '0');
/** µs as a number when exact, else as digits (to-span-records.ts takes both) */
const micros = (v: bigint): number | string => (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString());

const protocolOver = (bytes: Buffer): Protocol => {
  let transport: unknown;
  (thrift.TBufferedTransport as unknown as { receiver: (cb: (t: unknown) => void) => (data: Buffer) => void }).receiver((t) => void (transport = t))(bytes);
  return new (thrift.TBinaryProtocol as unknown as new (t: unknown) => Protocol)(transport);
};

const readStruct = readThriftStruct;

const readList = <T>(p: Protocol, read: (p: Protocol) => T): T[] => {
  const { etype, size } = p.readListBegin();
  const out: T[] = [];
  for (let i = 0; i < size; i++) {
    if (etype === Type.STRUCT) out.push(read(p));
    else p.skip(etype);
  }
  p.readListEnd();
  return out;
};

const ipv6Text = (b: Buffer): string => {
  if (b.length !== 16) return '';
  if (b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) return `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  const groups = Array.from({ length: 8 }, (_, i) => b.readUInt16BE(i * 2).toString(16));
  // the longest run of zero groups (two or more) becomes '::', as RFC 5952 writes it
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
};

const readEndpoint = (p: Protocol): Endpoint => {
  const e: Endpoint = {};
  readStruct(p, (fid, t) => {
    if (fid === 1 && t === Type.I32) {
      const v = p.readI32() >>> 0;
      if (v !== 0) e.ipv4 = `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
    } else if (fid === 2 && t === Type.I16) {
      const port = p.readI16() & 0xffff;
      if (port !== 0) e.port = port;
    } else if (fid === 3 && t === Type.STRING) e.serviceName = p.readString();
    else if (fid === 4 && t === Type.STRING) {
      const text = ipv6Text(p.readBinary());
      if (text) e.ipv6 = text;
    } else return false;
    return true;
  });
  return e;
};

type V1Annotation = { timestamp?: number | string; value?: string; endpoint?: Endpoint };
type V1BinaryAnnotation = { key?: string; value?: unknown; endpoint?: Endpoint };

const readAnnotation = (p: Protocol): V1Annotation => {
  const a: V1Annotation = {};
  readStruct(p, (fid, t) => {
    if (fid === 1 && t === Type.I64) a.timestamp = micros(readU64(p));
    else if (fid === 2 && t === Type.STRING) a.value = p.readString();
    else if (fid === 3 && t === Type.STRUCT) a.endpoint = readEndpoint(p);
    else return false;
    return true;
  });
  return a;
};

const AnnotationType = { BOOL: 0, BYTES: 1, I16: 2, I32: 3, I64: 4, DOUBLE: 5, STRING: 6 } as const;

/** The value of a binary annotation in the v1 JSON model's terms. */
const valueOf = (raw: Buffer, type: number | undefined): unknown => {
  switch (type) {
    case AnnotationType.BOOL:
      return raw.length > 0 && raw[0] !== 0;
    case AnnotationType.I16:
      return raw.length >= 2 ? String(raw.readInt16BE(0)) : '';
    case AnnotationType.I32:
      return raw.length >= 4 ? String(raw.readInt32BE(0)) : '';
    case AnnotationType.I64:
      return raw.length >= 8 ? raw.readBigInt64BE(0).toString() : '';
    case AnnotationType.DOUBLE:
      return raw.length >= 8 ? String(raw.readDoubleBE(0)) : '';
    case AnnotationType.BYTES:
      return raw.toString('base64');
    default: // STRING, and a missing type, which Zipkin reads as STRING
      return raw.toString('utf8');
  }
};

const readBinaryAnnotation = (p: Protocol): V1BinaryAnnotation => {
  const b: V1BinaryAnnotation = {};
  let raw: Buffer | undefined;
  let type: number | undefined;
  readStruct(p, (fid, t) => {
    if (fid === 1 && t === Type.STRING) b.key = p.readString();
    else if (fid === 2 && t === Type.STRING) raw = p.readBinary();
    else if (fid === 3 && t === Type.I32) type = p.readI32();
    else if (fid === 4 && t === Type.STRUCT) b.endpoint = readEndpoint(p);
    else return false;
    return true;
  });
  b.value = valueOf(raw ?? Buffer.alloc(0), type);
  return b;
};

const readSpan = (p: Protocol): ZipkinV1Span => {
  const s: ZipkinV1Span = {};
  let traceLow: bigint | undefined;
  let traceHigh = 0n;
  readStruct(p, (fid, t) => {
    if (fid === 1 && t === Type.I64) traceLow = readU64(p);
    else if (fid === 3 && t === Type.STRING) s.name = p.readString();
    else if (fid === 4 && t === Type.I64) s.id = hex16(readU64(p));
    else if (fid === 5 && t === Type.I64) {
      const parent = readU64(p);
      if (parent !== 0n) s.parentId = hex16(parent);
    } else if (fid === 6 && t === Type.LIST) s.annotations = readList(p, readAnnotation);
    else if (fid === 8 && t === Type.LIST) s.binaryAnnotations = readList(p, readBinaryAnnotation);
    else if (fid === 9 && t === Type.BOOL) s.debug = p.readBool();
    else if (fid === 10 && t === Type.I64) {
      const v = readU64(p);
      if (v !== 0n) s.timestamp = micros(v);
    } else if (fid === 11 && t === Type.I64) {
      const v = readU64(p);
      if (v !== 0n) s.duration = micros(v);
    } else if (fid === 12 && t === Type.I64) traceHigh = readU64(p);
    else return false;
    return true;
  });
  if (traceLow !== undefined) s.traceId = traceHigh !== 0n ? hex16(traceHigh) + hex16(traceLow) : hex16(traceLow);
  return s;
};

/** A Zipkin v1 Thrift body (a TBinaryProtocol list of Span, or one Span). Throws a message meant for the client. */
export const decodeZipkinThrift = (bytes: Uint8Array): DecodedBatch => {
  const buffer = bufferView(bytes);
  if (buffer.length === 0) throw new Error('the body is empty');
  let spans: ZipkinV1Span[];
  try {
    const p = protocolOver(buffer);
    // a list begins with its element type, STRUCT (12); a lone span with its first field's type
    if (buffer[0] === Type.STRUCT) {
      const { etype, size } = p.readListBegin();
      if (etype !== Type.STRUCT) throw new Error(`expected a list of Span structs, got a list of Thrift type ${etype}`);
      if (size < 0 || size > buffer.length) throw new Error(`the list claims ${size} spans in ${buffer.length} bytes`);
      spans = [];
      for (let i = 0; i < size; i++) spans.push(readSpan(p));
    } else {
      spans = [readSpan(p)];
    }
  } catch (err) {
    const e = err as Error;
    if (e?.name === 'InputBufferUnderrunError') throw new Error('not a Zipkin v1 Thrift list of spans: the data ends in the middle of a value (truncated or not Thrift)');
    throw new Error(`not a Zipkin v1 Thrift list of spans: ${e?.message || String(err)}`);
  }
  return zipkinSpansToRecords(zipkinV1ListToV2(spans));
};
