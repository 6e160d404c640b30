import { encodeDouble, type EncodedAttributes, type EncodedValue } from '@/lib/model/attribute-value';
import { MAX_INT64, serviceNameOf, setAttribute, UNKNOWN_SERVICE, ZERO_SPAN_ID, ZERO_TRACE_ID } from '@/lib/model/conventions';
import { SpanKind, StatusCode, type DecodedBatch, type ResourceRecord, type ScopeRecord, type SpanRecord, type StoredEvent, type StoredLink } from '@/lib/model/span-record';
import { encodeInt64, MAX_VALUE_DEPTH } from './otlp-codec';
import { fieldTag, GiveUp, GIVE_UP, LEN, ProtobufReader, VARINT } from './protobuf-reader';

// The fast path of OTLP/protobuf ingest: reads an ExportTraceServiceRequest straight from the wire
// bytes into SpanRecords, with no intermediate message tree (protobufjs builds ~25 objects per span,
// a Long per 64-bit value, and the garbage was a fifth of the server's time under load).
//
// It handles well-formed requests only. It gives up (null) on anything that would need an
// explanation: a span the general path rejects, a truncated message, a wire type that does not match
// the schema, the pre-0.15 instrumentation_library_spans, an AnyValue with two members set, a
// singular message field sent twice (which protobufjs merges), deep nesting. decodeOtlpProtobuf then
// decodes the request with protobufjs + toSpanRecords, which says precisely what is wrong. So both
// paths give the same records (tested on the decode tests and generated traffic), and the error
// messages live in one place. The wire primitives are in protobuf-reader.ts; the rules both paths
// share (ids, int64 bounds, value depth, the int64 encoding) in lib/model/conventions.ts and otlp-codec.ts.

// Tags compared whole where a message has one field of interest
const SCOPE_SPANS_TAG = fieldTag(2, LEN); // ResourceSpans.scope_spans
const SPANS_TAG = fieldTag(2, LEN); // ScopeSpans.spans
const STATUS_MESSAGE_TAG = fieldTag(2, LEN); // Status.message
const STATUS_CODE_TAG = fieldTag(3, VARINT); // Status.code
// the enums' ranges; a value beyond is for the general path to explain
const MAX_SPAN_KIND = SpanKind.CONSUMER;
const MAX_STATUS_CODE = StatusCode.ERROR;

/** A KeyValue message's key and value, added to `out`. */
const keyValue = (r: ProtobufReader, end: number, out: EncodedAttributes, depth: number): void => {
  let key = '';
  let value: EncodedValue = null;
  let hasValue = false;
  while (r.pos < end) {
    const tag = r.readTagOrLength(end);
    switch (tag >>> 3) {
      case 1:
        key = r.stringField(tag, end);
        break;
      case 2: {
        // singular message fields sent twice are merged by protobufjs: left to it, here and below
        if (hasValue) throw GIVE_UP;
        hasValue = true;
        const e = r.messageEnd(tag, end);
        value = anyValue(r, e, depth);
        break;
      }
      default:
        r.skipField(tag, end);
    }
  }
  setAttribute(out, key, value);
};

/** One entry of a repeated KeyValue field (its tag just read), added to `out`. */
const attributes = (r: ProtobufReader, tag: number, end: number, out: EncodedAttributes, depth: number): void => {
  const e = r.messageEnd(tag, end);
  keyValue(r, e, out, depth);
  r.pos = e;
};

/** An AnyValue message in the stored encoding (lib/model/attribute-value.ts); an empty one is null. */
const anyValue = (r: ProtobufReader, end: number, depth: number): EncodedValue => {
  if (depth > MAX_VALUE_DEPTH - 2) throw GIVE_UP;
  let value: EncodedValue = null;
  let member = 0;
  while (r.pos < end) {
    const tag = r.readTagOrLength(end);
    const field = tag >>> 3;
    if (field >= 1 && field <= 7) {
      // protobufjs reads members as separate optional fields: leave a value with two to it
      if (member !== 0 && member !== field) throw GIVE_UP;
      // a message member sent twice is merged by protobufjs; rare enough to leave to it
      if (member === field && (field === 5 || field === 6)) throw GIVE_UP;
      member = field;
    }
    switch (field) {
      case 1:
        value = r.stringField(tag, end);
        break;
      case 2:
        r.varint64Field(tag, end);
        value = (r.low | r.high) !== 0; // protobufjs tests every bit
        break;
      case 3:
        r.varint64Field(tag, end);
        value = encodeInt64(r.high, r.low);
        break;
      case 4:
        value = encodeDouble(r.doubleField(tag, end));
        break;
      case 5: {
        const e = r.messageEnd(tag, end);
        const values: EncodedValue[] = [];
        while (r.pos < e) {
          const t = r.readTagOrLength(e);
          if (t >>> 3 === 1) {
            const ve = r.messageEnd(t, e);
            values.push(anyValue(r, ve, depth + 1));
            r.pos = ve;
          } else r.skipField(t, e);
        }
        value = values;
        break;
      }
      case 6: {
        const e = r.messageEnd(tag, end);
        const m: EncodedAttributes = {};
        while (r.pos < e) {
          const t = r.readTagOrLength(e);
          if (t >>> 3 === 1) attributes(r, t, e, m, depth + 1);
          else r.skipField(t, e);
        }
        value = { m };
        break;
      }
      case 7:
        value = { b: r.base64Field(tag, end) };
        break;
      default:
        r.skipField(tag, end);
    }
  }
  return value;
};

const isId = (id: string, length: number, zero: string) => id.length === length && id !== zero;

const event = (r: ProtobufReader, end: number): StoredEvent => {
  let t = '0';
  let n = '';
  let a: EncodedAttributes | undefined;
  let d = 0;
  while (r.pos < end) {
    const tag = r.readTagOrLength(end);
    switch (tag >>> 3) {
      case 1:
        r.fixed64Field(tag, end);
        t = r.uint64Decimal();
        break;
      case 2:
        n = r.stringField(tag, end);
        break;
      case 3:
        attributes(r, tag, end, (a ??= {}), 0);
        break;
      case 4:
        d = r.uint32Field(tag, end);
        break;
      default:
        r.skipField(tag, end);
    }
  }
  const stored: StoredEvent = { t, n };
  if (a !== undefined) stored.a = a;
  if (d !== 0) stored.d = d;
  return stored;
};

const link = (r: ProtobufReader, end: number): StoredLink => {
  let t = '';
  let s = '';
  let ts = '';
  let a: EncodedAttributes | undefined;
  let d = 0;
  let f = 0;
  while (r.pos < end) {
    const tag = r.readTagOrLength(end);
    switch (tag >>> 3) {
      case 1:
        t = r.hexField(tag, end);
        break;
      case 2:
        s = r.hexField(tag, end);
        break;
      case 3:
        ts = r.stringField(tag, end);
        break;
      case 4:
        attributes(r, tag, end, (a ??= {}), 0);
        break;
      case 5:
        d = r.uint32Field(tag, end);
        break;
      case 6:
        f = r.fixed32Field(tag, end);
        break;
      default:
        r.skipField(tag, end);
    }
  }
  if (!isId(t, 32, ZERO_TRACE_ID) || !isId(s, 16, ZERO_SPAN_ID)) throw GIVE_UP;
  const stored: StoredLink = { t, s };
  if (ts !== '') stored.ts = ts;
  if (a !== undefined) stored.a = a;
  if (d !== 0) stored.d = d;
  if (f !== 0) stored.f = f;
  return stored;
};

const span = (r: ProtobufReader, end: number, resource: ResourceRecord, scope: ScopeRecord): SpanRecord => {
  let traceId = '';
  let spanId = '';
  let parentSpanId = '';
  let traceState = '';
  let name = '';
  let kind = 0;
  let startNs = 0n;
  let endNs = 0n;
  const attrs: EncodedAttributes = {};
  let droppedAttributesCount = 0;
  const events: StoredEvent[] = [];
  let droppedEventsCount = 0;
  const links: StoredLink[] = [];
  let droppedLinksCount = 0;
  let statusCode = 0;
  let statusMessage = '';
  let hasStatus = false;
  let flags = 0;
  while (r.pos < end) {
    const tag = r.readTagOrLength(end);
    switch (tag >>> 3) {
      case 1:
        traceId = r.hexField(tag, end);
        break;
      case 2:
        spanId = r.hexField(tag, end);
        break;
      case 3:
        traceState = r.stringField(tag, end);
        break;
      case 4:
        parentSpanId = r.hexField(tag, end);
        break;
      case 5:
        name = r.stringField(tag, end);
        break;
      case 6:
        kind = r.enumField(tag, end, MAX_SPAN_KIND);
        break;
      case 7:
        r.fixed64Field(tag, end);
        startNs = r.uint64();
        break;
      case 8:
        r.fixed64Field(tag, end);
        endNs = r.uint64();
        break;
      case 9:
        attributes(r, tag, end, attrs, 0);
        break;
      case 10:
        droppedAttributesCount = r.uint32Field(tag, end);
        break;
      case 11: {
        const e = r.messageEnd(tag, end);
        events.push(event(r, e));
        break;
      }
      case 12:
        droppedEventsCount = r.uint32Field(tag, end);
        break;
      case 13: {
        const e = r.messageEnd(tag, end);
        links.push(link(r, e));
        break;
      }
      case 14:
        droppedLinksCount = r.uint32Field(tag, end);
        break;
      case 15: {
        if (hasStatus) throw GIVE_UP;
        hasStatus = true;
        const e = r.messageEnd(tag, end);
        while (r.pos < e) {
          const t = r.readTagOrLength(e);
          if (t === STATUS_MESSAGE_TAG) statusMessage = r.readInternedString(e);
          else if (t === STATUS_CODE_TAG) statusCode = r.enumField(t, e, MAX_STATUS_CODE);
          else if (t >>> 3 === 2 || t >>> 3 === 3) throw GIVE_UP;
          else r.skipField(t, e);
        }
        break;
      }
      case 16:
        flags = r.fixed32Field(tag, end);
        break;
      default:
        r.skipField(tag, end);
    }
  }
  if (!isId(traceId, 32, ZERO_TRACE_ID) || !isId(spanId, 16, ZERO_SPAN_ID)) throw GIVE_UP;
  if (parentSpanId !== '') {
    if (parentSpanId.length !== 16) throw GIVE_UP;
    if (parentSpanId === ZERO_SPAN_ID) parentSpanId = '';
  }
  if (startNs === 0n || startNs > MAX_INT64 || endNs > MAX_INT64) throw GIVE_UP;
  return {
    traceId,
    spanId,
    parentSpanId,
    name,
    kind: kind as SpanKind,
    startNs,
    endNs,
    statusCode: statusCode as StatusCode,
    statusMessage,
    traceState,
    flags,
    attributes: attrs,
    droppedAttributesCount,
    events,
    droppedEventsCount,
    links,
    droppedLinksCount,
    resource,
    scope,
  };
};

const scope = (r: ProtobufReader, end: number, schemaUrl: string): ScopeRecord => {
  let name = '';
  let version = '';
  const attrs: EncodedAttributes = {};
  let droppedAttributesCount = 0;
  while (r.pos < end) {
    const tag = r.readTagOrLength(end);
    switch (tag >>> 3) {
      case 1:
        name = r.stringField(tag, end);
        break;
      case 2:
        version = r.stringField(tag, end);
        break;
      case 3:
        attributes(r, tag, end, attrs, 0);
        break;
      case 4:
        droppedAttributesCount = r.uint32Field(tag, end);
        break;
      default:
        r.skipField(tag, end);
    }
  }
  return { name, version, attributes: attrs, droppedAttributesCount, schemaUrl };
};

const resource = (r: ProtobufReader, start: number, end: number, schemaUrl: string): ResourceRecord => {
  const attrs: EncodedAttributes = {};
  let droppedAttributesCount = 0;
  r.pos = start;
  while (r.pos < end) {
    const tag = r.readTagOrLength(end);
    switch (tag >>> 3) {
      case 1:
        attributes(r, tag, end, attrs, 0);
        break;
      case 2:
        droppedAttributesCount = r.uint32Field(tag, end);
        break;
      default:
        r.skipField(tag, end);
    }
  }
  return {
    serviceName: serviceNameOf(attrs),
    attributes: attrs,
    droppedAttributesCount,
    schemaUrl,
  };
};

/**
 * The spans of one ScopeSpans. Fields may come in any order, so the scope and schema URL are found
 * before the spans that point at them are read.
 */
const scopeSpans = (r: ProtobufReader, end: number, res: ResourceRecord, records: SpanRecord[]): void => {
  const start = r.pos;
  let scopeStart = -1;
  let scopeEnd = -1;
  let schemaUrl = '';
  while (r.pos < end) {
    const tag = r.readTagOrLength(end);
    switch (tag >>> 3) {
      case 1:
        if (scopeStart !== -1) throw GIVE_UP;
        scopeEnd = r.messageEnd(tag, end);
        scopeStart = r.pos;
        r.pos = scopeEnd;
        break;
      case 3:
        schemaUrl = r.stringField(tag, end);
        break;
      case 2:
        r.pos = r.messageEnd(tag, end);
        break;
      default:
        r.skipField(tag, end);
    }
  }
  r.pos = scopeStart;
  const sc = scopeStart === -1 ? { name: '', version: '', attributes: {}, droppedAttributesCount: 0, schemaUrl } : scope(r, scopeEnd, schemaUrl);
  r.pos = start;
  while (r.pos < end) {
    const tag = r.readTagOrLength(end);
    if (tag === SPANS_TAG) {
      const e = r.readDelimitedEnd(end);
      records.push(span(r, e, res, sc));
      r.pos = e;
    } else r.skipField(tag, end);
  }
};

const resourceSpans = (r: ProtobufReader, end: number, records: SpanRecord[]): void => {
  const start = r.pos;
  let resourceStart = -1;
  let resourceEnd = -1;
  let schemaUrl = '';
  while (r.pos < end) {
    const tag = r.readTagOrLength(end);
    switch (tag >>> 3) {
      case 1:
        if (resourceStart !== -1) throw GIVE_UP;
        resourceEnd = r.messageEnd(tag, end);
        resourceStart = r.pos;
        r.pos = resourceEnd;
        break;
      case 2:
        r.pos = r.messageEnd(tag, end);
        break;
      case 3:
        schemaUrl = r.stringField(tag, end);
        break;
      case 1000:
        // instrumentation_library_spans (OTLP < 0.15)
        throw GIVE_UP;
      default:
        r.skipField(tag, end);
    }
  }
  const res =
    resourceStart === -1
      ? { serviceName: UNKNOWN_SERVICE, attributes: {}, droppedAttributesCount: 0, schemaUrl }
      : resource(r, resourceStart, resourceEnd, schemaUrl);
  r.pos = start;
  while (r.pos < end) {
    const tag = r.readTagOrLength(end);
    if (tag === SCOPE_SPANS_TAG) {
      const e = r.readDelimitedEnd(end);
      scopeSpans(r, e, res, records);
      r.pos = e;
    } else r.skipField(tag, end);
  }
};

/**
 * An ExportTraceServiceRequest read straight into records, or null when the request is not one the
 * fast path takes (see above): the caller then decodes it the general way.
 */
export const readOtlpProtobuf = (bytes: Uint8Array): DecodedBatch | null => {
  const r = new ProtobufReader(bytes);
  const end = r.buf.length;
  const records: SpanRecord[] = [];
  try {
    while (r.pos < end) {
      const tag = r.readTagOrLength(end);
      if (tag >>> 3 === 1) {
        const e = r.messageEnd(tag, end);
        resourceSpans(r, e, records);
        r.pos = e;
      } else r.skipField(tag, end);
    }
  } catch (error) {
    if (error instanceof GiveUp) return null;
    throw error;
  }
  return { records, rejected: [] };
};
