/**
 * Attribute values are stored as compact, typed JSON (jsonb), chosen so that
 *  - every OTLP AnyValue type survives a round trip (string, bool, int64, double, bytes, array, kvlist, empty);
 *  - the common types cost no more than plain JSON;
 *  - a tag search for the string form of a value ("123", "true", "72.5") can be answered with
 *    jsonb containment (`@>`) against a GIN jsonb_path_ops index, by trying each typed reading.
 *
 *   string            -> "v"
 *   bool              -> true | false
 *   int64, |n|<2^53   -> 123                 (a JSON number is always an int)
 *   int64, otherwise  -> {"i":"9223372036854775807"}
 *   double            -> {"d":72.5} | {"d":"NaN"} | {"d":"Infinity"} | {"d":"-Infinity"}
 *   bytes             -> {"b":"<base64>"}
 *   array             -> [ <encoded>, ... ]
 *   kvlist            -> {"m":{ key: <encoded>, ... }}
 *   empty AnyValue    -> null
 */
export type EncodedValue =
  | string
  | boolean
  | number
  | null
  | { i: string }
  | { d: number | 'NaN' | 'Infinity' | '-Infinity' }
  | { b: string }
  | { m: EncodedAttributes }
  | EncodedValue[];

export type EncodedAttributes = { [key: string]: EncodedValue };

/** A decoded attribute value with its OTLP type. int64 values are bigint so none loses precision. */
export type TypedValue =
  | { type: 'string'; value: string }
  | { type: 'bool'; value: boolean }
  | { type: 'int'; value: bigint }
  | { type: 'double'; value: number }
  | { type: 'bytes'; value: string /* base64 */ }
  | { type: 'array'; value: TypedValue[] }
  | { type: 'kvlist'; value: [string, TypedValue][] }
  | { type: 'empty'; value: null };

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Encodes an int64 (bigint, or a number known to be an integer). */
export const encodeInt = (n: bigint | number): EncodedValue => {
  if (typeof n === 'number') return Number.isSafeInteger(n) ? n : { i: BigInt(Math.trunc(n)).toString() };
  return n <= MAX_SAFE && n >= -MAX_SAFE ? Number(n) : { i: n.toString() };
};

/** Encodes a double; NaN and the infinities, which JSON cannot hold, become strings. */
export const encodeDouble = (n: number): EncodedValue => ({ d: Number.isFinite(n) ? n : (String(n) as 'NaN') });

/** Decodes a stored value back to its OTLP type. */
export const decodeValue = (v: EncodedValue): TypedValue => {
  if (v === null || v === undefined) return { type: 'empty', value: null };
  if (typeof v === 'string') return { type: 'string', value: v };
  if (typeof v === 'boolean') return { type: 'bool', value: v };
  if (typeof v === 'number') return { type: 'int', value: BigInt(v) };
  if (Array.isArray(v)) return { type: 'array', value: v.map(decodeValue) };
  if ('i' in v) return { type: 'int', value: BigInt(v.i) };
  if ('d' in v) return { type: 'double', value: typeof v.d === 'number' ? v.d : Number(v.d) };
  if ('b' in v) return { type: 'bytes', value: v.b };
  if ('m' in v) return { type: 'kvlist', value: Object.entries(v.m).map(([k, x]) => [k, decodeValue(x)]) };
  return { type: 'empty', value: null };
};

/** Plain JSON for display: ints beyond 2^53 as strings, bytes as base64, kvlists as objects. */
export const toPlainJson = (t: TypedValue): unknown => {
  switch (t.type) {
    case 'int':
      return t.value <= MAX_SAFE && t.value >= -MAX_SAFE ? Number(t.value) : t.value.toString();
    case 'array':
      return t.value.map(toPlainJson);
    case 'kvlist':
      return Object.fromEntries(t.value.map(([k, x]) => [k, toPlainJson(x)]));
    case 'double':
      return Number.isFinite(t.value) ? t.value : String(t.value);
    default:
      return t.value;
  }
};

/** The string form Jaeger compares tag values by: ints as digits, doubles shortest round-trip, bools true/false, bytes base64. */
export const toStringForm = (t: TypedValue): string => {
  switch (t.type) {
    case 'string':
    case 'bytes':
      return t.value;
    case 'bool':
    case 'int':
    case 'double':
      return String(t.value);
    case 'empty':
      return '';
    default:
      return JSON.stringify(toPlainJson(t));
  }
};

const INT_RE = /^[+-]?\d+$/;
const FLOAT_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BASE64_RE = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Every stored encoding whose string form could equal `s`, for tag search by containment.
 * A query value is a string (Jaeger's API sends strings), so "123" may be the string "123",
 * the int 123, or the double 123.
 */
export const storedCandidates = (s: string): EncodedValue[] => {
  const out: EncodedValue[] = [s];
  if (s === 'true') out.push(true);
  else if (s === 'false') out.push(false);
  // only canonical forms: the string form of int 123 is "123", never "0123" or "+123"
  if (INT_RE.test(s) && BigInt(s).toString() === s) out.push(encodeInt(BigInt(s)));
  if (FLOAT_RE.test(s) && String(Number(s)) === s) out.push({ d: Number(s) });
  else if (s === 'NaN' || s === 'Infinity' || s === '-Infinity') out.push({ d: s });
  if (s.length % 4 === 0 && BASE64_RE.test(s)) out.push({ b: s });
  return out;
};
