import type { EncodedAttributes, EncodedValue } from './attribute-value';
import { SpanKind, StatusCode } from './span-record';

// The span conventions every format shares: what a kind and a status are called (in OTLP's enum
// names, in Jaeger's and Zipkin's words), which ids mean "none", the int64 bound of stored times,
// the service name of a resource that has none, and how text and attribute keys are made storable.
// Decoders, encoders, SQL builders and the UI take them from here, so the formats cannot drift apart.
// The numbers themselves (SpanKind.SERVER = 2, StatusCode.ERROR = 2) are OTLP's, in span-record.ts.

/** An all-zero trace or span id means "no id" in OTLP, Jaeger and Zipkin alike. */
export const ZERO_TRACE_ID = '0'.repeat(32);
export const ZERO_SPAN_ID = '0'.repeat(16);

// Times are stored as PostgreSQL BIGINT nanoseconds; a value beyond these (year 2262) would fail the COPY.
export const MAX_INT64 = (1n << 63n) - 1n;
export const MIN_INT64 = -(1n << 63n);

/** The resource attribute that names the service. */
export const SERVICE_NAME = 'service.name';
/** The service name of a resource without one: what an OpenTelemetry SDK reports when none is configured. */
export const UNKNOWN_SERVICE = 'unknown_service';

/** The service a resource's attributes name: a non-empty string `service.name`, else unknown_service. */
export const serviceNameOf = (attributes: EncodedAttributes): string => {
  const name = attributes[SERVICE_NAME];
  return typeof name === 'string' && name !== '' ? name : UNKNOWN_SERVICE;
};

/** A span kind as Jaeger, the `span.kind` tag and the UI write it. */
export type SpanKindWord = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';
/** The words Jaeger uses for a kind (`span.kind`, `/api/operations`): UNSPECIFIED has none. */
export type JaegerSpanKind = Exclude<SpanKindWord, 'unspecified'>;
/** A status code as OTLP names it, and as the `otel.status_code` tag carries it. */
export type StatusCodeName = 'UNSET' | 'OK' | 'ERROR';

// One table each, indexed by the OTLP number; every lookup below is derived from them.
const SPAN_KIND_WORDS: readonly SpanKindWord[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUS_CODE_NAMES: readonly StatusCodeName[] = ['UNSET', 'OK', 'ERROR'];

// Maps, not object literals: a lookup of "constructor" or "__proto__" must miss.
const KIND_BY_WORD = new Map<string, SpanKind>(SPAN_KIND_WORDS.map((word, kind) => [word, kind as SpanKind]));
const KIND_BY_ENUM_NAME = new Map<string, SpanKind>(
  SPAN_KIND_WORDS.flatMap((word, kind) => [
    [`SPAN_KIND_${word.toUpperCase()}`, kind as SpanKind],
    [word.toUpperCase(), kind as SpanKind],
  ]),
);
const STATUS_BY_NAME = new Map<string, StatusCode>(STATUS_CODE_NAMES.map((name, code) => [name, code as StatusCode]));
const STATUS_BY_ENUM_NAME = new Map<string, StatusCode>(
  STATUS_CODE_NAMES.flatMap((name, code) => [
    [`STATUS_CODE_${name}`, code as StatusCode],
    [name, code as StatusCode],
  ]),
);

/** 'server', 'client', …; undefined for a number that is no kind. */
export const spanKindWord = (kind: number): SpanKindWord | undefined => SPAN_KIND_WORDS[kind];

/** The Jaeger word for a kind; '' for UNSPECIFIED (Jaeger then omits the `span.kind` tag). */
export const toJaegerSpanKind = (kind: number): JaegerSpanKind | '' => {
  const word = SPAN_KIND_WORDS[kind];
  return word === undefined || word === 'unspecified' ? '' : word;
};

/** A kind word in any case ('server', 'SERVER', 'unspecified'); undefined for anything else. */
export const spanKindOfWord = (word: string): SpanKind | undefined => KIND_BY_WORD.get(word.toLowerCase());

/** An OTLP enum name in any case, with or without its prefix ('SPAN_KIND_SERVER', 'server'). */
export const spanKindOfEnumName = (name: string): SpanKind | undefined => KIND_BY_ENUM_NAME.get(name.toUpperCase());

/** 'UNSET', 'OK' or 'ERROR'; undefined for a number that is no status code. */
export const statusCodeName = (code: number): StatusCodeName | undefined => STATUS_CODE_NAMES[code];

/** A status name in any case ('ERROR', 'ok'); undefined for anything else. */
export const statusCodeOfName = (name: string): StatusCode | undefined => STATUS_BY_NAME.get(name.toUpperCase());

/** An OTLP enum name in any case, with or without its prefix ('STATUS_CODE_ERROR', 'error'). */
export const statusCodeOfEnumName = (name: string): StatusCode | undefined => STATUS_BY_ENUM_NAME.get(name.toUpperCase());

type WellFormedString = string & { isWellFormed(): boolean; toWellFormed(): string };

/**
 * Makes a string storable in PostgreSQL text/jsonb, which refuse NUL and lone UTF-16 surrogates:
 * both become U+FFFD. Runs for every string of every span, so the common case is two native scans
 * (memchr for NUL; isWellFormed is O(1) for one-byte strings) and no allocation.
 */
export const toStorableText = (s: string): string =>
  s.indexOf('\0') === -1 && (s as WellFormedString).isWellFormed()
    ? s
    : (s as WellFormedString).toWellFormed().replaceAll('\0', '\uFFFD');

/** 'array', 'null', 'string', … for messages about a value of the wrong type. */
export const describeType = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Stores one attribute; a key named `__proto__` is stored as an ordinary key. */
export const setAttribute = (out: EncodedAttributes, key: string, value: EncodedValue): void => {
  // `out.__proto__ = v` would set the object's prototype instead of storing the attribute
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
};

/** Attributes that hold a database statement (OpenTelemetry's older and newer names): the span detail lays SQL out a clause a line. */
export const STATEMENT_ATTRIBUTE_KEYS: readonly string[] = ['db.statement', 'db.query.text'];
