import { encodeInt, type EncodedValue } from '@/lib/model/attribute-value';
import type { DecodedBatch } from '@/lib/model/span-record';
import { describeType, MAX_INT64, MIN_INT64 } from '@/lib/model/conventions';
import { anyValueMember, FieldError, OtlpDecodeError, type OtlpCodec, type WireObject } from './otlp-codec';
import { toSpanRecords } from './to-span-records';

// OTLP/JSON ("JSON Protobuf Encoding" in the OTLP spec) differs from proto3 JSON in that trace and
// span ids are hex strings, not base64, and enums are integers. Keys are lowerCamelCase; receivers
// should also accept the original snake_case field names, and unknown fields are ignored. 64-bit
// integers come as decimal strings (or numbers, which JSON.parse may already have rounded).

const HEX_LOWER_RE = /^[0-9a-f]*$/;
const HEX_ANY_RE = /^[0-9a-fA-F]*$/;
const UNSIGNED_RE = /^\d+$/;
const CANONICAL_UNSIGNED_RE = /^(0|[1-9]\d*)$/;
const SIGNED_RE = /^-?\d+$/;
const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64_LENIENT_RE = /^[A-Za-z0-9+/\-_]*={0,2}$/;

const MAX_UINT64 = (1n << 64n) - 1n;
const TWO_POW_63 = 2 ** 63;
const TWO_POW_64 = 2 ** 64;

const preview = (s: string): string => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

const readHexId = (value: unknown, field: string): string => {
  if (typeof value === 'string') {
    if ((value.length & 1) === 0) {
      if (HEX_LOWER_RE.test(value)) return value;
      if (HEX_ANY_RE.test(value)) return value.toLowerCase();
    }
    throw new FieldError(`expected a hex string, got ${preview(value)}`, field);
  }
  if (value == null) return '';
  throw new FieldError(`expected a hex string, got ${describeType(value)}`, field);
};

const readNanos = (value: unknown, field: string): bigint => {
  if (typeof value === 'string') {
    if (value.length <= 20 && UNSIGNED_RE.test(value)) {
      const n = BigInt(value);
      if (n <= MAX_UINT64) return n;
    }
  } else if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0 && value < TWO_POW_64) return BigInt(value);
  } else if (value == null) {
    return 0n;
  }
  throw new FieldError('expected a decimal string or number', field);
};

const readNanosText = (value: unknown, field: string): string => {
  // the usual case, a canonical decimal below 2^64, passes through untouched
  if (typeof value === 'string' && value.length < 20 && CANONICAL_UNSIGNED_RE.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return readNanos(value, field).toString();
};

const readInt = (value: unknown, field: string): EncodedValue => {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= -TWO_POW_63 && value < TWO_POW_63) return encodeInt(value);
  } else if (typeof value === 'string' && SIGNED_RE.test(value)) {
    if (value.length <= 15) return encodeInt(Number(value)); // < 1e15, exact as a double
    const n = BigInt(value);
    if (n >= MIN_INT64 && n <= MAX_INT64) return encodeInt(n);
  }
  throw new FieldError('expected a 64-bit integer as a decimal string or number', field);
};

const readBase64 = (value: unknown, field: string): string => {
  if (typeof value === 'string') {
    if ((value.length & 3) === 0 && BASE64_RE.test(value)) return value;
    // proto3 JSON parsers accept URL-safe and unpadded base64; store the standard form
    if (BASE64_LENIENT_RE.test(value) && (value.length & 3) !== 1) return Buffer.from(value, 'base64').toString('base64');
    throw new FieldError(`expected base64, got ${preview(value)}`, field);
  }
  if (value == null) return '';
  throw new FieldError(`expected a base64 string, got ${describeType(value)}`, field);
};

/** OTLP/JSON as JSON.parse gives it (after snake_case keys are renamed). */
export const JSON_CODEC: OtlpCodec = {
  id: readHexId,
  nanos: readNanos,
  nanosText: readNanosText,
  int: readInt,
  bytes: readBase64,
  // a JSON AnyValue holds one member's key; a null member counts as absent (proto3 JSON), int_value too
  valueKind: (v) => anyValueMember(v, v.intValue != null),
};

// Senders that use the proto field names (resource_spans, start_time_unix_nano) use them throughout,
// so a sample tells: the first element of every list, depth first (the first ResourceSpans, its
// resource and first attribute, first ScopeSpans, first span, …). OTLP attribute keys are values
// ({"key": "http.status_code"}), never JSON object keys, so they cannot cause a false positive.
// (A regex over the body did the same job at half the cost of JSON.parse.)
const SAMPLED_OBJECTS = 64;
const MAX_RENAME_DEPTH = 100;

const sampleHasSnakeCaseKey = (root: object): boolean => {
  let budget = SAMPLED_OBJECTS;
  const visit = (value: unknown): boolean => {
    if (typeof value !== 'object' || value === null || budget-- <= 0) return false;
    if (Array.isArray(value)) return value.length > 0 && visit(value[0]);
    for (const key in value) {
      if (key.includes('_') || visit((value as Record<string, unknown>)[key])) return true;
    }
    return false;
  };
  return visit(root);
};

const toCamelCase = (key: string): string => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A copy of a parsed JSON value with snake_case object keys renamed to lowerCamelCase (camelCase wins a clash). */
const renameSnakeCaseKeys = (value: unknown, depth = 0): unknown => {
  if (typeof value !== 'object' || value === null || depth > MAX_RENAME_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => renameSnakeCaseKeys(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const name = key.includes('_') ? toCamelCase(key) : key;
    if (name !== key && Object.hasOwn(value, name)) continue;
    if (name === '__proto__') continue; // never a field name; would replace the prototype
    out[name] = renameSnakeCaseKeys(item, depth + 1);
  }
  return out;
};

/** Decodes an OTLP/JSON ExportTraceServiceRequest body; throws OtlpDecodeError when it cannot be read. */
export const decodeOtlpJson = (text: string): DecodedBatch => {
  // a UTF-8 byte order mark is harmless to a client but fatal to JSON.parse
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new OtlpDecodeError(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new OtlpDecodeError(`expected an ExportTraceServiceRequest JSON object, got ${describeType(parsed)}`);
  }
  const request = sampleHasSnakeCaseKey(parsed) ? renameSnakeCaseKeys(parsed) : parsed;
  return toSpanRecords(request as WireObject, JSON_CODEC);
};
