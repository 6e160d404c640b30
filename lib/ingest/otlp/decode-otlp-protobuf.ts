import type Long from 'long';

import type { DecodedBatch } from '@/lib/model/span-record';
import { bufferView } from '@/lib/ingest/buffer-view';
import { anyValueMember, encodeInt64, type OtlpCodec, type WireObject } from './otlp-codec';
import { decodeExportRequestProtobuf } from './otlp-proto';
import { uint64ToBigInt, uint64ToDecimal } from './protobuf-reader';
import { readOtlpProtobuf } from './read-otlp-protobuf';
import { toSpanRecords } from './to-span-records';

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
  return bufferView(bytes).toString('hex');
};

/** OTLP/protobuf as protobufjs decodes it. */
export const PROTOBUF_CODEC: OtlpCodec = {
  id: (value) => bytesToHex(value as Uint8Array),
  nanos: (value) => uint64ToBigInt((value as Long).high, (value as Long).low),
  nanosText: (value) => uint64ToDecimal((value as Long).high, (value as Long).low),
  int: (value) => encodeInt64((value as Long).high, (value as Long).low),
  bytes: (value) => {
    const bytes = value as Uint8Array;
    if (bytes.length === 0) return '';
    return bufferView(bytes).toString('base64');
  },
  // AnyValue's members are proto3 optional fields in our schema (see otlp-proto.ts): an absent member
  // reads as its prototype default, null, except int_value whose default is Long 0, so test that one
  // for an own property.
  valueKind: (v) => anyValueMember(v, Object.hasOwn(v, 'intValue')),
};

/**
 * Decodes an OTLP/protobuf ExportTraceServiceRequest body into records and per-span rejections: read
 * straight from the bytes when the request is well formed (read-otlp-protobuf.ts), otherwise through
 * protobufjs and toSpanRecords, which explain what is wrong.
 */
export const decodeOtlpProtobuf = (bytes: Uint8Array): DecodedBatch => readOtlpProtobuf(bytes) ?? decodeOtlpProtobufGenerally(bytes);

/** The general path alone (protobufjs + toSpanRecords); exported so tests can compare the two. */
export const decodeOtlpProtobufGenerally = (bytes: Uint8Array): DecodedBatch =>
  toSpanRecords(decodeExportRequestProtobuf(bytes) as unknown as WireObject, PROTOBUF_CODEC);
