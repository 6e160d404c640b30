import { encodeInt, type EncodedValue } from '@/lib/model/attribute-value';

// What both OTLP/protobuf decoders (the fast reader and protobufjs + toSpanRecords) and the OTLP/JSON
// decoder share besides the mapping: the error types, the codec seam between the two wire forms, and
// the rules both protobuf paths must apply identically (so their records stay equal).

/** A request the decoders cannot read at all; its message is meant for the client (HTTP 400). */
export class OtlpDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OtlpDecodeError';
  }
}

/**
 * A value of the wrong type or out of range, found while reading one field. `path` is relative to
 * the span (or resource/scope) being read and grows outward as the error passes enclosing fields.
 */
export class FieldError extends Error {
  path: string;

  constructor(
    readonly problem: string,
    path = '',
  ) {
    super(problem);
    this.name = 'FieldError';
    this.path = path;
  }

  /** Prefixes the path with an enclosing field, e.g. `attributes[2]` + `value.intValue`. */
  within(segment: string): this {
    this.path = this.path === '' ? segment : this.path[0] === '[' ? segment + this.path : `${segment}.${this.path}`;
    return this;
  }

  /** `path: problem`, or just the problem when it concerns the span itself. */
  describe(): string {
    return this.path === '' ? this.problem : `${this.path}: ${this.problem}`;
  }
}

/** A decoded OTLP message object: protobufjs message or parsed JSON. Field types are checked on read. */
export type WireObject = { readonly [field: string]: unknown };

/** The members of AnyValue's oneof, camelCase. */
export type AnyValueMember = 'stringValue' | 'boolValue' | 'intValue' | 'doubleValue' | 'arrayValue' | 'kvlistValue' | 'bytesValue';

/** How the two OTLP encodings spell the values whose representation differs. Methods throw FieldError. */
export type OtlpCodec = {
  /** A bytes id (trace/span id) as lower-case hex of any length; '' when absent or empty. */
  id: (value: unknown, field: string) => string;
  /** A fixed64 unix-nanosecond time; 0n when absent. */
  nanos: (value: unknown, field: string) => bigint;
  /** The same as a decimal string ('0' when absent), for times kept in jsonb. */
  nanosText: (value: unknown, field: string) => string;
  /** AnyValue.int_value (int64) in the stored encoding. */
  int: (value: unknown, field: string) => EncodedValue;
  /** AnyValue.bytes_value as standard base64. */
  bytes: (value: unknown, field: string) => string;
  /** The AnyValue oneof member that is set, or undefined for an empty AnyValue. */
  valueKind: (anyValue: WireObject) => AnyValueMember | undefined;
};

// Nested arrays/kvlists beyond this are refused rather than risking the stack on hostile input.
export const MAX_VALUE_DEPTH = 32;

/**
 * The AnyValue member set in a decoded message, most frequent types first. A member counts as set when
 * it is not null or undefined, except int_value, whose test differs between the encodings (`intValueSet`).
 */
export const anyValueMember = (v: WireObject, intValueSet: boolean): AnyValueMember | undefined =>
  v.stringValue != null
    ? 'stringValue'
    : intValueSet
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
                : undefined;

/** An int64 AnyValue from its two 32-bit halves (as protobuf reads them), in the stored encoding. */
export const encodeInt64 = (high: number, low: number): EncodedValue => {
  const signedHigh = high | 0;
  // |value| < 2^53 whenever the signed high word is within ±2^21: exact as a double
  if (signedHigh >= -0x200000 && signedHigh < 0x200000) return encodeInt(signedHigh * 4294967296 + (low >>> 0));
  return { i: BigInt.asIntN(64, (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0)).toString() };
};
