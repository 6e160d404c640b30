import type Long from 'long';

import { encodeInt, type EncodedValue } from '../../model/attributes';
import type { DecodedBatch } from '../../model/types';
import { decodeExportRequestProtobuf } from './otlp-proto';
import { toSpanRecords, type OtlpCodec, type WireObject } from './to-span-records';

// protobufjs gives ids and bytes as Uint8Array (Buffer views) and 64-bit values as Long (configured
// in otlp-proto.ts). Field types are guaranteed by the schema, so the codec only converts.

/**
 * Lower-case hex of an id. Node's native hex encoder beats a per-byte lookup table here: the table
 * builds a 32-char string from 16 concatenations (a rope V8 must flatten again when the id is compared
 * or written), measured ~2x slower end to end.
 */
export const bytesToHex = (bytes: Uint8Array): string => {
  // an absent bytes field reads as protobufjs's default, an empty plain array
  if (bytes.length === 0) return '';
  return (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('hex');
};

const longToBigInt = (long: Long): bigint => (BigInt(long.high >>> 0) << 32n) | BigInt(long.low >>> 0);

/**
 * An unsigned 64-bit Long as a decimal string without BigInt or Long division: split the value into
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

const encodeLongInt = (long: Long): EncodedValue => {
  const high = long.high | 0;
  // |value| < 2^53 whenever the signed high word is within ±2^21: exact as a double
  if (high >= -0x200000 && high < 0x200000) return encodeInt(high * 4294967296 + (long.low >>> 0));
  return { i: long.toString() };
};

/** OTLP/protobuf as protobufjs decodes it. */
export const PROTOBUF_CODEC: OtlpCodec = {
  id: (value) => bytesToHex(value as Uint8Array),
  nanos: (value) => longToBigInt(value as Long),
  nanosText: (value) => uint64ToDecimal((value as Long).high, (value as Long).low),
  int: (value) => encodeLongInt(value as Long),
  bytes: (value) => {
    const bytes = value as Uint8Array;
    if (bytes.length === 0) return '';
    return (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('base64');
  },
  // AnyValue's members are proto3 optional fields in our schema (see otlp-proto.ts): an absent member
  // reads as its prototype default, null, except int_value whose default is Long 0, so test that one
  // for an own property. Most frequent types first.
  valueKind: (v) =>
    v.stringValue != null
      ? 'stringValue'
      : Object.hasOwn(v, 'intValue')
        ? 'intValue'
        : v.boolValue != null
          ? 'boolValue'
          : v.doubleValue != null
            ? 'doubleValue'
            : v.arrayValue != null
              ? 'arrayValue'
              : v.kvlistValue != null
                ? 'kvlistValue'
                : v.bytesValue != null
                  ? 'bytesValue'
                  : undefined,
};

/** Decodes an OTLP/protobuf ExportTraceServiceRequest body into records and per-span rejections. */
export const decodeOtlpProtobuf = (bytes: Uint8Array): DecodedBatch =>
  toSpanRecords(decodeExportRequestProtobuf(bytes) as unknown as WireObject, PROTOBUF_CODEC);
