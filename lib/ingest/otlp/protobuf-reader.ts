import { toStorableText } from '@/lib/model/conventions';
import { bufferView } from '@/lib/ingest/buffer-view';

// The protobuf wire primitives under the fast OTLP reader (read-otlp-protobuf.ts): varints, fixed
// values, lengths, wire-type checks, skipping unknown fields, and strings with an interning cache.
// It reads only what protobufjs would read the same way. Anything else (a truncated message, an
// overlong varint, a group, a wire type that does not match the schema) throws GIVE_UP, and the
// caller leaves the whole request to protobufjs, which explains the problem.
//
// Hot path: one object of fixed shape per request, read through its methods (monomorphic calls with
// no module lookups, in any loader), and no allocation per value.

/** Thrown when the input is not one the fast reader takes. */
export class GiveUp extends Error {}
export const GIVE_UP = new GiveUp('not for the fast path');

/** Wire types. */
export const VARINT = 0;
export const I64 = 1;
export const LEN = 2;
export const I32 = 5;

/**
 * An unsigned 64-bit value as a decimal string without BigInt or Long division: split the value into
 * a multiple of 1e7 and a remainder using only exact double arithmetic (every term stays < 2^53).
 *   value = hiHi·2^48 + hiLo·2^32 + low,  2^48 = 28147497·1e7 + 6710656,  2^32 = 429·1e7 + 4967296
 */
export const uint64ToDecimal = (high: number, low: number): string => {
  const hi = high >>> 0;
  const lo = low >>> 0;
  if (hi <= 0x1fffff) return String(hi * 4294967296 + lo); // < 2^53: exact as a double
  const hiHi = hi >>> 16;
  const hiLo = hi & 0xffff;
  let units = hiHi * 6710656 + hiLo * 4967296 + lo; // < 7.8e11
  let tenMillions = hiHi * 28147497 + hiLo * 429; // < 1.9e12
  tenMillions += Math.floor(units / 1e7);
  units %= 1e7;
  // units + 1e7 has 8 digits; dropping the leading 1 zero-pads to 7
  return String(tenMillions) + String(units + 1e7).slice(1);
};

/** An unsigned 64-bit value from its two 32-bit halves. */
export const uint64ToBigInt = (high: number, low: number): bigint => (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);

// Buffer's native slicers, called directly: Buffer.prototype.toString's argument handling cost more
// than the decoding itself for the short strings OTLP is made of (measured). protobufjs's Buffer
// reader calls utf8Slice the same way.
type Slicers = { latin1Slice(start: number, end: number): string; utf8Slice(start: number, end: number): string; hexSlice(start: number, end: number): string };
const slicers = (buf: Buffer) => buf as unknown as Slicers;

// Short ASCII strings recur in every span (attribute keys, methods, status texts, service and host
// names): each is made once and reused from a small table, found by a hash of its bytes and
// checked byte for byte. Fewer strings per span is less for the garbage collector to copy while
// a batch waits for its COPY.
const INTERN_MAX_LENGTH = 48;
const INTERN_SLOTS = 4096; // a power of two
const interned: (string | undefined)[] = new Array(INTERN_SLOTS);

/**
 * A read position in a buffer. Nested messages are read within an end offset passed along; every
 * read checks it. A 64-bit value is read into `low` and `high`, its unsigned 32-bit halves (so that
 * reading one allocates nothing), then taken as the type its field needs.
 */
export class ProtobufReader {
  readonly buf: Buffer;
  pos = 0;
  low = 0;
  high = 0;

  constructor(bytes: Uint8Array) {
    this.buf = bufferView(bytes);
  }

  /** A varint's low 32 bits, unsigned (as protobufjs's uint32/int32 read it, before the sign). */
  readVarint32(end: number): number {
    const buf = this.buf;
    let pos = this.pos;
    let b = buf[pos++];
    let value = b & 0x7f;
    if (b >= 0x80) {
      b = buf[pos++];
      value |= (b & 0x7f) << 7;
      if (b >= 0x80) {
        b = buf[pos++];
        value |= (b & 0x7f) << 14;
        if (b >= 0x80) {
          b = buf[pos++];
          value |= (b & 0x7f) << 21;
          if (b >= 0x80) {
            b = buf[pos++];
            value |= b << 28;
            // bytes 6–10 of a 64-bit varint carry only high bits
            for (let i = 0; b >= 0x80; i++) {
              if (i === 5) throw GIVE_UP;
              b = buf[pos++];
            }
          }
        }
      }
    }
    // past the end, buf[pos] is undefined and ends the loop above; the position tells
    if (pos > end) throw GIVE_UP;
    this.pos = pos;
    return value >>> 0;
  }

  /**
   * A field tag or a length (a varint either way). protobufjs refuses such varints beyond 5 bytes (and
   * some 5-byte ones); this takes up to 4 (< 2^28: field numbers < 2^25, lengths < 256 MiB) and leaves the rest.
   */
  readTagOrLength(end: number): number {
    const buf = this.buf;
    let pos = this.pos;
    let b = buf[pos++];
    let value = b & 0x7f;
    if (b >= 0x80) {
      b = buf[pos++];
      value |= (b & 0x7f) << 7;
      if (b >= 0x80) {
        b = buf[pos++];
        value |= (b & 0x7f) << 14;
        if (b >= 0x80) {
          b = buf[pos++];
          value |= (b & 0x7f) << 21;
          if (b >= 0x80) throw GIVE_UP;
        }
      }
    }
    if (pos > end) throw GIVE_UP;
    this.pos = pos;
    return value;
  }

  /** A 64-bit varint into low / high. */
  readVarint64(end: number): void {
    const buf = this.buf;
    let pos = this.pos;
    let low = 0;
    let high = 0;
    let b = 0;
    let shift = 0;
    for (; shift < 28; shift += 7) {
      b = buf[pos++];
      low |= (b & 0x7f) << shift;
      if (b < 0x80) break;
    }
    if (shift === 28) {
      // byte 5 straddles the halves: 4 bits low, 3 bits high
      b = buf[pos++];
      low |= (b & 0x0f) << 28;
      high = (b & 0x7f) >> 4;
      for (shift = 3; b >= 0x80 && shift < 32; shift += 7) {
        b = buf[pos++];
        high |= (b & 0x7f) << shift;
      }
      if (b >= 0x80) throw GIVE_UP;
    }
    if (pos > end) throw GIVE_UP;
    this.pos = pos;
    this.low = low >>> 0;
    this.high = high >>> 0;
  }

  /** A fixed64 into low / high. */
  readFixed64(end: number): void {
    if (this.pos + 8 > end) throw GIVE_UP;
    this.low = this.buf.readUInt32LE(this.pos);
    this.high = this.buf.readUInt32LE(this.pos + 4);
    this.pos += 8;
  }

  readFixed32(end: number): number {
    if (this.pos + 4 > end) throw GIVE_UP;
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  readDouble(end: number): number {
    if (this.pos + 8 > end) throw GIVE_UP;
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** The last 64-bit value read, unsigned. */
  uint64(): bigint {
    return uint64ToBigInt(this.high, this.low);
  }

  /** The last 64-bit value read, unsigned, as a decimal string. */
  uint64Decimal(): string {
    return uint64ToDecimal(this.high, this.low);
  }

  /** Reads a length and returns where the length-delimited field ends; the position moves to its start. */
  readDelimitedEnd(end: number): number {
    const length = this.readTagOrLength(end);
    const fieldEnd = this.pos + length;
    if (fieldEnd > end) throw GIVE_UP;
    return fieldEnd;
  }

  /**
   * A string, as protobufjs's Buffer reader decodes it (invalid UTF-8 becomes U+FFFD) and made storable
   * (toStorableText); a short ASCII one comes from the interning table. ASCII without NUL, nearly
   * every string, needs neither decoding step.
   */
  readInternedString(end: number): string {
    const e = this.readDelimitedEnd(end);
    const buf = this.buf;
    const start = this.pos;
    this.pos = e;
    let hash = 0;
    for (let i = start; i < e; i++) {
      const b = buf[i];
      if (b >= 0x80 || b === 0) return toStorableText(slicers(buf).utf8Slice(start, e));
      hash = (Math.imul(hash, 31) + b) | 0;
    }
    const length = e - start;
    if (length > INTERN_MAX_LENGTH) return slicers(buf).latin1Slice(start, e);
    const slot = hash & (INTERN_SLOTS - 1);
    const candidate = interned[slot];
    if (candidate !== undefined && candidate.length === length) {
      let same = true;
      for (let i = 0; i < length; i++) {
        if (candidate.charCodeAt(i) !== buf[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return candidate;
    }
    const s = slicers(buf).latin1Slice(start, e);
    interned[slot] = s;
    return s;
  }

  /** Bytes as lower-case hex. */
  readBytesAsHex(end: number): string {
    const e = this.readDelimitedEnd(end);
    const s = slicers(this.buf).hexSlice(this.pos, e);
    this.pos = e;
    return s;
  }

  /** Bytes as standard base64. */
  readBytesAsBase64(end: number): string {
    const e = this.readDelimitedEnd(end);
    const s = this.buf.toString('base64', this.pos, e);
    this.pos = e;
    return s;
  }

  /** Skips the value of a field the schema walk does not read. */
  skipField(tag: number, end: number): void {
    if (tag >>> 3 === 0) throw GIVE_UP;
    switch (tag & 7) {
      case VARINT:
        this.readVarint64(end);
        return;
      case I64:
        if (this.pos + 8 > end) throw GIVE_UP;
        this.pos += 8;
        return;
      case LEN:
        this.pos = this.readDelimitedEnd(end);
        return;
      case I32:
        if (this.pos + 4 > end) throw GIVE_UP;
        this.pos += 4;
        return;
      default:
        // groups (3, 4) and invalid wire types: left to protobufjs
        throw GIVE_UP;
    }
  }

  // A known field's value, its wire type checked first (protobufjs would read a wrong one as the
  // schema's type): one line per field in the schema walk.

  uint32Field(tag: number, end: number): number {
    expectWireType(tag, VARINT);
    return this.readVarint32(end);
  }

  /** An enum as protobufjs reads it (int32); outside 0..max is for the general path to explain. */
  enumField(tag: number, end: number, max: number): number {
    expectWireType(tag, VARINT);
    const v = this.readVarint32(end) | 0;
    if (v < 0 || v > max) throw GIVE_UP;
    return v;
  }

  /** A varint into low / high. */
  varint64Field(tag: number, end: number): void {
    expectWireType(tag, VARINT);
    this.readVarint64(end);
  }

  /** A fixed64 into low / high. */
  fixed64Field(tag: number, end: number): void {
    expectWireType(tag, I64);
    this.readFixed64(end);
  }

  fixed32Field(tag: number, end: number): number {
    expectWireType(tag, I32);
    return this.readFixed32(end);
  }

  doubleField(tag: number, end: number): number {
    expectWireType(tag, I64);
    return this.readDouble(end);
  }

  stringField(tag: number, end: number): string {
    expectWireType(tag, LEN);
    return this.readInternedString(end);
  }

  hexField(tag: number, end: number): string {
    expectWireType(tag, LEN);
    return this.readBytesAsHex(end);
  }

  base64Field(tag: number, end: number): string {
    expectWireType(tag, LEN);
    return this.readBytesAsBase64(end);
  }

  /** The end of a message field (the read position moves to its start). */
  messageEnd(tag: number, end: number): number {
    expectWireType(tag, LEN);
    return this.readDelimitedEnd(end);
  }
}

const expectWireType = (tag: number, wireType: number): void => {
  if ((tag & 7) !== wireType) throw GIVE_UP;
};

/** The tag of a field: its number and wire type in one varint. */
export const fieldTag = (field: number, wireType: number): number => (field << 3) | wireType;
