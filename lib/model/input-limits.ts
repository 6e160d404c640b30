import { MAX_INT64 } from './conventions';

// The caps every read API applies to what a client sends, in one place, so a hostile or
// careless request is refused with a message naming the cap instead of costing the database
// seconds (500 attribute keys in one search took 6.4 s) or reaching it with text PostgreSQL
// cannot store (a NUL byte was a 500 with PostgreSQL's message).

/** Characters in one query-string value (a pasted block of response headers fits; 120 trace ids fit). */
export const MAX_PARAM_CHARS = 4_096;
/** Parameters in one query string. */
export const MAX_QUERY_PARAMS = 100;
/** Attribute criteria (`tags`, `query.attributes`, logfmt pairs) in one search. */
export const MAX_TAG_FILTERS = 32;
/** Characters of one attribute key, service, operation or other name searched for. */
export const MAX_NAME_CHARS = 1_024;
/** Bytes of a request target (path and query string); more is a 414 before any route runs. Next.js echoes the URL in a redirect Location, so a target near 16 KiB made answers whose headers clients refuse to parse (found by the fuzz test). */
export const MAX_URL_BYTES = 8_192;

/** The latest instant a time parameter may name: spans are stored as int64 unix nanoseconds (year 2262). */
export const MAX_TIME_NS = MAX_INT64;
/** The earliest: the epoch (no span starts before it, and earlier instants overflow in some units). */
export const MIN_TIME_NS = 0n;

/**
 * Why `value` cannot be searched for, or undefined when it can: PostgreSQL's text and jsonb refuse
 * NUL and lone UTF-16 surrogates, and a value over `maxChars` is refused rather than scanned for.
 */
export const textProblem = (value: string, maxChars: number = MAX_PARAM_CHARS): string | undefined => {
  if (value.length > maxChars) return `is ${value.length} characters long; the limit is ${maxChars}`;
  if (value.includes('\0')) return 'contains a NUL character (U+0000), which no stored text can contain';
  if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) return 'contains a lone UTF-16 surrogate, which is not text';
  return undefined;
};

/** Why an instant in unix ns cannot be searched for, or undefined. */
export const timeProblem = (ns: bigint): string | undefined =>
  ns < MIN_TIME_NS || ns > MAX_TIME_NS ? 'is outside the times that can be stored (1970-01-01 to 2262-04-11 UTC)' : undefined;
