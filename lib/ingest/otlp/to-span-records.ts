import { encodeDouble, type EncodedAttributes, type EncodedValue } from '@/lib/model/attribute-value';
import {
  describeType,
  MAX_INT64,
  setAttribute,
  spanKindOfEnumName,
  statusCodeOfEnumName,
  toStorableText,
  serviceNameOf,
  ZERO_SPAN_ID,
  ZERO_TRACE_ID,
} from '@/lib/model/conventions';
import {
  SpanKind,
  StatusCode,
  type DecodedBatch,
  type RejectedSpan,
  type ResourceRecord,
  type ScopeRecord,
  type SpanRecord,
  type StoredEvent,
  type StoredLink,
} from '@/lib/model/span-record';
import { FieldError, MAX_VALUE_DEPTH, OtlpDecodeError, type OtlpCodec, type WireObject } from './otlp-codec';

// OTLP request (ExportTraceServiceRequest, camelCase as protobufjs and OTLP/JSON name fields) → SpanRecords.
// Shared by the JSON and protobuf decoders; what differs between the two wire forms (ids as bytes or
// hex, 64-bit values as Long or decimal strings, how to tell which AnyValue member is set) sits behind
// OtlpCodec, as otlp-transformer keeps it behind JSON_ENCODER / PROTOBUF_ENCODER. Everything else
// (structure, enums, counts, strings) is read here, with type checks that cost nothing for protobuf
// (its values always have the right type) and catch malformed JSON.
//
// Error policy: a problem confined to one span rejects that span (RejectedSpan, reason shown to the
// client); a problem above span level (the request, a ResourceSpans, a resource or scope) throws
// OtlpDecodeError, since no span under it can be stored correctly.

const isWireObject = (v: unknown): v is WireObject => typeof v === 'object' && v !== null && !Array.isArray(v);

const readText = (v: unknown, field: string): string => {
  if (typeof v === 'string') return toStorableText(v);
  if (v == null) return '';
  throw new FieldError(`expected a string, got ${describeType(v)}`, field);
};

const DECIMAL_RE = /^\d+$/;

const readUint32 = (v: unknown, field: string): number => {
  if (typeof v === 'number') {
    if (v >>> 0 === v) return v;
  } else if (v == null) {
    return 0;
  } else if (typeof v === 'string' && v.length <= 10 && DECIMAL_RE.test(v)) {
    // proto3 JSON allows integers as strings
    const n = Number(v);
    if (n <= 0xffffffff) return n;
  }
  throw new FieldError('expected an unsigned 32-bit integer', field);
};

const readEnum = (v: unknown, field: string, byName: (name: string) => number | undefined, max: number): number => {
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 0 && v <= max) return v;
    throw new FieldError(`must be 0..${max}, got ${v}`, field);
  }
  if (v == null) return 0;
  if (typeof v === 'string') {
    // OTLP/JSON sends enums as integers; names (as proto3 JSON allows) are accepted too
    const n = byName(v);
    if (n !== undefined) return n;
    if (DECIMAL_RE.test(v)) return readEnum(Number(v), field, byName, max);
    throw new FieldError(`unknown value ${JSON.stringify(v.slice(0, 40))}`, field);
  }
  throw new FieldError(`expected an integer, got ${describeType(v)}`, field);
};

const FLOAT_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const readDouble = (v: unknown, field: string): EncodedValue => {
  if (typeof v === 'number') return encodeDouble(v);
  // proto3 JSON writes NaN/±Infinity (and may write any double) as a string
  if (typeof v === 'string' && (v === 'NaN' || v === 'Infinity' || v === '-Infinity' || FLOAT_RE.test(v))) {
    return encodeDouble(Number(v));
  }
  throw new FieldError(`expected a number, got ${describeType(v)}`, field);
};

/**
 * A repeated KeyValue as stored attributes; a duplicate key keeps the last value. `field` names the
 * list for error paths (`attributes`, `kvlistValue.values`).
 */
const toEncodedAttributes = (
  keyValues: unknown,
  codec: OtlpCodec,
  field: string,
  depth = 0,
): EncodedAttributes => {
  const out: EncodedAttributes = {};
  if (keyValues == null) return out;
  if (!Array.isArray(keyValues)) throw new FieldError(`expected an array, got ${describeType(keyValues)}`, field);
  let i = 0;
  let inValue = false;
  try {
    for (; i < keyValues.length; i++) {
      inValue = false;
      const keyValue: unknown = keyValues[i];
      if (!isWireObject(keyValue)) throw new FieldError(`expected a KeyValue object, got ${describeType(keyValue)}`);
      const key = readText(keyValue.key, 'key');
      inValue = true;
      const value = keyValue.value == null ? null : toEncodedValue(keyValue.value, codec, depth);
      setAttribute(out, key, value);
    }
  } catch (error) {
    if (error instanceof FieldError) throw error.within(inValue ? `${field}[${i}].value` : `${field}[${i}]`);
    throw error;
  }
  return out;
};

/** One AnyValue in the stored encoding (lib/model/attribute-value.ts); an empty AnyValue is null. */
const toEncodedValue = (anyValue: unknown, codec: OtlpCodec, depth: number): EncodedValue => {
  if (!isWireObject(anyValue)) throw new FieldError(`expected an AnyValue object, got ${describeType(anyValue)}`);
  const kind = codec.valueKind(anyValue);
  switch (kind) {
    case undefined:
      return null;
    case 'stringValue':
      return readText(anyValue.stringValue, kind);
    case 'boolValue':
      if (typeof anyValue.boolValue === 'boolean') return anyValue.boolValue;
      throw new FieldError(`expected a boolean, got ${describeType(anyValue.boolValue)}`, kind);
    case 'intValue':
      return codec.int(anyValue.intValue, kind);
    case 'doubleValue':
      return readDouble(anyValue.doubleValue, kind);
    case 'bytesValue':
      return { b: codec.bytes(anyValue.bytesValue, kind) };
    case 'arrayValue':
      return toEncodedArray(anyValue.arrayValue, codec, depth + 1);
    case 'kvlistValue': {
      const list = anyValue.kvlistValue;
      if (depth + 1 > MAX_VALUE_DEPTH) throw new FieldError(`nested deeper than ${MAX_VALUE_DEPTH} levels`, kind);
      if (!isWireObject(list)) throw new FieldError(`expected a KeyValueList object, got ${describeType(list)}`, kind);
      return { m: toEncodedAttributes(list.values, codec, `${kind}.values`, depth + 1) };
    }
    default:
      return null;
  }
};

const toEncodedArray = (arrayValue: unknown, codec: OtlpCodec, depth: number): EncodedValue[] => {
  if (depth > MAX_VALUE_DEPTH) throw new FieldError(`nested deeper than ${MAX_VALUE_DEPTH} levels`, 'arrayValue');
  if (!isWireObject(arrayValue)) throw new FieldError(`expected an ArrayValue object, got ${describeType(arrayValue)}`, 'arrayValue');
  const values = arrayValue.values;
  if (values == null) return [];
  if (!Array.isArray(values)) throw new FieldError(`expected an array, got ${describeType(values)}`, 'arrayValue.values');
  const out: EncodedValue[] = new Array(values.length);
  let i = 0;
  try {
    for (; i < values.length; i++) out[i] = values[i] == null ? null : toEncodedValue(values[i], codec, depth);
  } catch (error) {
    if (error instanceof FieldError) throw error.within(`arrayValue.values[${i}]`);
    throw error;
  }
  return out;
};

const hasItems = (list: unknown): boolean => list != null && (!Array.isArray(list) || list.length > 0);

/** Checks a decoded trace or span id: right length, not all zeros. */
const checkId = (hex: string, hexLength: number, zero: string, what: string): string => {
  if (hex.length !== hexLength) {
    if (hex.length === 0) throw new FieldError(`${what} is missing`);
    throw new FieldError(`${what} must be ${hexLength / 2} bytes (${hexLength} hex chars), got ${hex.length / 2} bytes`);
  }
  if (hex === zero) throw new FieldError(`${what} is all zeros`);
  return hex;
};

const toStoredEvents = (events: unknown, codec: OtlpCodec): StoredEvent[] => {
  if (events == null) return [];
  if (!Array.isArray(events)) throw new FieldError(`expected an array, got ${describeType(events)}`, 'events');
  const out: StoredEvent[] = new Array(events.length);
  let i = 0;
  try {
    for (; i < events.length; i++) {
      const event: unknown = events[i];
      if (!isWireObject(event)) throw new FieldError(`expected an Event object, got ${describeType(event)}`);
      const stored: StoredEvent = {
        t: codec.nanosText(event.timeUnixNano, 'timeUnixNano'),
        n: readText(event.name, 'name'),
      };
      if (hasItems(event.attributes)) stored.a = toEncodedAttributes(event.attributes, codec, 'attributes');
      const dropped = readUint32(event.droppedAttributesCount, 'droppedAttributesCount');
      if (dropped !== 0) stored.d = dropped;
      out[i] = stored;
    }
  } catch (error) {
    if (error instanceof FieldError) throw error.within(`events[${i}]`);
    throw error;
  }
  return out;
};

const toStoredLinks = (links: unknown, codec: OtlpCodec): StoredLink[] => {
  if (links == null) return [];
  if (!Array.isArray(links)) throw new FieldError(`expected an array, got ${describeType(links)}`, 'links');
  const out: StoredLink[] = new Array(links.length);
  let i = 0;
  try {
    for (; i < links.length; i++) {
      const link: unknown = links[i];
      if (!isWireObject(link)) throw new FieldError(`expected a Link object, got ${describeType(link)}`);
      const stored: StoredLink = {
        t: checkId(codec.id(link.traceId, 'traceId'), 32, ZERO_TRACE_ID, 'trace id'),
        s: checkId(codec.id(link.spanId, 'spanId'), 16, ZERO_SPAN_ID, 'span id'),
      };
      const traceState = readText(link.traceState, 'traceState');
      if (traceState !== '') stored.ts = traceState;
      if (hasItems(link.attributes)) stored.a = toEncodedAttributes(link.attributes, codec, 'attributes');
      const dropped = readUint32(link.droppedAttributesCount, 'droppedAttributesCount');
      if (dropped !== 0) stored.d = dropped;
      const flags = readUint32(link.flags, 'flags');
      if (flags !== 0) stored.f = flags;
      out[i] = stored;
    }
  } catch (error) {
    if (error instanceof FieldError) throw error.within(`links[${i}]`);
    throw error;
  }
  return out;
};

const readSpanTime = (value: unknown, field: string, codec: OtlpCodec): bigint => {
  const ns = codec.nanos(value, field);
  if (ns > MAX_INT64) throw new FieldError('is beyond the int64 range (year 2262)', field);
  return ns;
};

/** One span → SpanRecord; throws FieldError when the span cannot be stored. */
const toSpanRecord = (span: unknown, resource: ResourceRecord, scope: ScopeRecord, codec: OtlpCodec): SpanRecord => {
  if (!isWireObject(span)) throw new FieldError(`expected a Span object, got ${describeType(span)}`);
  const traceId = checkId(codec.id(span.traceId, 'traceId'), 32, ZERO_TRACE_ID, 'trace id');
  const spanId = checkId(codec.id(span.spanId, 'spanId'), 16, ZERO_SPAN_ID, 'span id');
  let parentSpanId = codec.id(span.parentSpanId, 'parentSpanId');
  if (parentSpanId !== '') {
    if (parentSpanId.length !== 16) {
      throw new FieldError(`parent span id must be empty or 8 bytes (16 hex chars), got ${parentSpanId.length / 2} bytes`);
    }
    // some exporters write an all-zero parent for a root span
    if (parentSpanId === ZERO_SPAN_ID) parentSpanId = '';
  }
  const startNs = readSpanTime(span.startTimeUnixNano, 'startTimeUnixNano', codec);
  if (startNs === 0n) throw new FieldError('start time is missing');
  // end < start (or a missing end) is stored as sent: the record keeps what the client said
  const endNs = readSpanTime(span.endTimeUnixNano, 'endTimeUnixNano', codec);

  let statusCode: number = StatusCode.UNSET;
  let statusMessage = '';
  const status = span.status;
  if (status != null) {
    if (!isWireObject(status)) throw new FieldError(`expected a Status object, got ${describeType(status)}`, 'status');
    statusCode = readEnum(status.code, 'status.code', statusCodeOfEnumName, StatusCode.ERROR);
    statusMessage = readText(status.message, 'status.message');
  }

  return {
    traceId,
    spanId,
    parentSpanId,
    name: readText(span.name, 'name'),
    kind: readEnum(span.kind, 'kind', spanKindOfEnumName, SpanKind.CONSUMER) as SpanKind,
    startNs,
    endNs,
    statusCode: statusCode as StatusCode,
    statusMessage,
    traceState: readText(span.traceState, 'traceState'),
    flags: readUint32(span.flags, 'flags'),
    attributes: toEncodedAttributes(span.attributes, codec, 'attributes'),
    droppedAttributesCount: readUint32(span.droppedAttributesCount, 'droppedAttributesCount'),
    events: toStoredEvents(span.events, codec),
    droppedEventsCount: readUint32(span.droppedEventsCount, 'droppedEventsCount'),
    links: toStoredLinks(span.links, codec),
    droppedLinksCount: readUint32(span.droppedLinksCount, 'droppedLinksCount'),
    resource,
    scope,
  };
};

/** Runs `read`, turning a FieldError into an OtlpDecodeError located at `path` (a problem above span level). */
const atPath = <T>(path: string, read: () => T): T => {
  try {
    return read();
  } catch (error) {
    if (error instanceof FieldError) throw new OtlpDecodeError(`${path}${error.path === '' || error.path[0] === '[' ? '' : '.'}${error.path}: ${error.problem}`);
    throw error;
  }
};

const readList = (v: unknown, path: string): readonly unknown[] => {
  if (v == null) return [];
  if (!Array.isArray(v)) throw new OtlpDecodeError(`${path}: expected an array, got ${describeType(v)}`);
  return v;
};

const readObject = (v: unknown, path: string): WireObject | null => {
  if (v == null) return null;
  if (!isWireObject(v)) throw new OtlpDecodeError(`${path}: expected an object, got ${describeType(v)}`);
  return v;
};

// Runs once per ResourceSpans / ScopeSpans, so clarity over speed (closures are fine here).
const toResourceRecord = (resourceSpans: WireObject, path: string, codec: OtlpCodec): ResourceRecord =>
  atPath(path, () => {
    const resource = readObject(resourceSpans.resource, `${path}.resource`);
    const attributes = resource ? toEncodedAttributes(resource.attributes, codec, 'resource.attributes') : {};
    return {
      serviceName: serviceNameOf(attributes),
      attributes,
      droppedAttributesCount: resource ? readUint32(resource.droppedAttributesCount, 'resource.droppedAttributesCount') : 0,
      schemaUrl: readText(resourceSpans.schemaUrl, 'schemaUrl'),
    };
  });

const toScopeRecord = (scopeSpans: WireObject, scopeField: string, path: string, codec: OtlpCodec): ScopeRecord =>
  atPath(path, () => {
    const scope = readObject(scopeSpans[scopeField], `${path}.${scopeField}`);
    return {
      name: scope ? readText(scope.name, `${scopeField}.name`) : '',
      version: scope ? readText(scope.version, `${scopeField}.version`) : '',
      attributes: scope ? toEncodedAttributes(scope.attributes, codec, `${scopeField}.attributes`) : {},
      droppedAttributesCount: scope ? readUint32(scope.droppedAttributesCount, `${scopeField}.droppedAttributesCount`) : 0,
      schemaUrl: readText(scopeSpans.schemaUrl, 'schemaUrl'),
    };
  });

const spanLabel = (span: unknown, path: string): string => {
  const name = isWireObject(span) && typeof span.name === 'string' ? span.name : undefined;
  if (name === undefined) return path;
  const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;
  return `${path} (name ${JSON.stringify(toStorableText(shown))})`;
};

const appendSpans = (
  spans: readonly unknown[],
  resource: ResourceRecord,
  scope: ScopeRecord,
  codec: OtlpCodec,
  path: string,
  batch: DecodedBatch,
): void => {
  for (let i = 0; i < spans.length; i++) {
    try {
      batch.records.push(toSpanRecord(spans[i], resource, scope, codec));
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      const rejection: RejectedSpan = { reason: `${spanLabel(spans[i], `${path}.spans[${i}]`)}: ${error.describe()}` };
      batch.rejected.push(rejection);
    }
  }
};

/**
 * An ExportTraceServiceRequest (decoded protobuf or parsed JSON, camelCase keys) → records and
 * per-span rejections. Resource and scope records are built once per ResourceSpans / ScopeSpans and
 * shared by reference by their spans. Throws OtlpDecodeError when the request's structure is wrong.
 */
export const toSpanRecords = (request: WireObject, codec: OtlpCodec): DecodedBatch => {
  const batch: DecodedBatch = { records: [], rejected: [] };
  const resourceSpansList = readList(request.resourceSpans, 'resourceSpans');
  for (let r = 0; r < resourceSpansList.length; r++) {
    const path = `resourceSpans[${r}]`;
    const resourceSpans = readObject(resourceSpansList[r], path);
    if (resourceSpans === null) continue;
    const resource = toResourceRecord(resourceSpans, path, codec);

    const scopeSpansList = readList(resourceSpans.scopeSpans, `${path}.scopeSpans`);
    for (let s = 0; s < scopeSpansList.length; s++) {
      const scopePath = `${path}.scopeSpans[${s}]`;
      const scopeSpans = readObject(scopeSpansList[s], scopePath);
      if (scopeSpans === null) continue;
      const scope = toScopeRecord(scopeSpans, 'scope', scopePath, codec);
      appendSpans(readList(scopeSpans.spans, `${scopePath}.spans`), resource, scope, codec, scopePath, batch);
    }

    // OTLP < 0.15 (field 1000, now reserved): same shape, with InstrumentationLibrary as the scope
    const librarySpansList = readList(resourceSpans.instrumentationLibrarySpans, `${path}.instrumentationLibrarySpans`);
    for (let s = 0; s < librarySpansList.length; s++) {
      const scopePath = `${path}.instrumentationLibrarySpans[${s}]`;
      const librarySpans = readObject(librarySpansList[s], scopePath);
      if (librarySpans === null) continue;
      const scope = toScopeRecord(librarySpans, 'instrumentationLibrary', scopePath, codec);
      appendSpans(readList(librarySpans.spans, `${scopePath}.spans`), resource, scope, codec, scopePath, batch);
    }
  }
  return batch;
};
