import thrift from 'thrift';

// What the Jaeger and Zipkin Thrift readers share of the Apache Thrift library: the subset of
// TProtocol they call (the library's typings lag its API), its int64 conversion, and reading a
// struct field by field.

const { Type } = thrift.Thrift;

export type ThriftProtocol = {
  readMessageBegin(): { fname: string | Buffer; mtype: number; rseqid: number };
  readStructBegin(): void;
  readStructEnd(): void;
  readFieldBegin(): { ftype: number; fid: number };
  readFieldEnd(): void;
  readListBegin(): { etype: number; size: number };
  readListEnd(): void;
  readBool(): boolean;
  readByte(): number;
  readI16(): number;
  readI32(): number;
  readI64(): unknown;
  readDouble(): number;
  readString(): string;
  readBinary(): Buffer;
  skip(type: number): void;
};

/** The library's Int64 (or a bigint from the fast readers) as a bigint. */
export const libraryToBigInt = (thrift as unknown as { toBigInt: (v: unknown) => bigint }).toBigInt;

/** Reads a struct: `onField` returns false for a field it does not take, which is then skipped. */
export const readThriftStruct = (p: ThriftProtocol, onField: (fid: number, ftype: number) => boolean): void => {
  p.readStructBegin();
  for (;;) {
    const { ftype, fid } = p.readFieldBegin();
    if (ftype === Type.STOP) break;
    if (!onField(fid, ftype)) p.skip(ftype);
    p.readFieldEnd();
  }
  p.readStructEnd();
};
