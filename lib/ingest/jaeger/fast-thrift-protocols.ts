import thrift from 'thrift';

// The Apache Thrift library's protocols, with the integer and double readers replaced. The library's
// compact reader spends most of its time building a node-int64 object, through the deprecated
// `new Buffer()`, for every varint (field ids and lengths included). Measured on a 1000-span batch
// (fast-thrift-protocols.test.ts prints it), compact emitBatch went from ~9,000 to ~50,000 spans/s
// on one core; binary, whose only change is the i64 reader, stays about as fast as the library's.
// These overrides read varints as numbers and i64 as bigint straight from the transport's buffer;
// everything else (field headers, strings, skipping, limits) stays the library's. Tests decode the
// same bytes with both and compare.

type Transport = {
  readByte(): number;
  ensureAvailable(len: number): void;
  borrow(): { buf: Buffer; readIndex: number };
  consume(len: number): void;
};

const varintTooLong = () =>
  new thrift.Thrift.TProtocolException(thrift.Thrift.TProtocolExceptionType.INVALID_DATA, 'Variable-length int over 10 bytes.');

/** Reads `len` bytes' worth in place: the transport's buffer and the offset to read at. */
const borrow = (trans: Transport, len: number): [Buffer, number] => {
  trans.ensureAvailable(len);
  const { buf, readIndex } = trans.borrow();
  trans.consume(len);
  return [buf, readIndex];
};

const Compact = thrift.TCompactProtocol as unknown as { new (t: unknown): object; prototype: object };
const Binary = thrift.TBinaryProtocol as unknown as { new (t: unknown): object; prototype: object };

/** TCompactProtocol with number varints and bigint i64. */
export class FastCompactProtocol extends Compact {
  declare trans: Transport;

  /** An unsigned varint of up to 32 bits (longer ones, which Thrift never writes for i32, lose precision). */
  readVarint32(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.trans.readByte() & 0xff;
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result % 4294967296;
      scale *= 128;
    }
    throw varintTooLong();
  }

  /** A zigzag i64 as a signed bigint. */
  readI64(): bigint {
    let lo = 0;
    let hi = 0;
    for (let shift = 0, i = 0; ; shift += 7, i++) {
      if (i >= 10) throw varintTooLong();
      const b = this.trans.readByte() & 0xff;
      if (shift <= 21) lo |= (b & 0x7f) << shift;
      else if (shift < 32) {
        lo |= (b & 0x7f) << shift;
        hi |= (b & 0x7f) >>> (32 - shift);
      } else hi |= (b & 0x7f) << (shift - 32);
      if ((b & 0x80) === 0) break;
    }
    const n = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
    return BigInt.asIntN(64, (n >> 1n) ^ -(n & 1n));
  }

  /** Compact doubles are little-endian. */
  readDouble(): number {
    const [buf, at] = borrow(this.trans, 8);
    return buf.readDoubleLE(at);
  }
}

/** TBinaryProtocol with bigint i64. */
export class FastBinaryProtocol extends Binary {
  declare trans: Transport;

  readI64(): bigint {
    const [buf, at] = borrow(this.trans, 8);
    return buf.readBigInt64BE(at);
  }
}
