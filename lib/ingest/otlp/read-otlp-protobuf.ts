import { encodeDouble, encodeInt, type EncodedAttributes, type EncodedValue } from '@/lib/model/attribute-value';
import type { DecodedBatch, ResourceRecord, ScopeRecord, SpanKind, SpanRecord, StatusCode, StoredEvent, StoredLink } from '@/lib/model/span-record';
import { MAX_INT64, MAX_VALUE_DEPTH, setAttribute, toStorableText, UNKNOWN_SERVICE, ZERO_SPAN_ID, ZERO_TRACE_ID } from './to-span-records';

// The fast path of OTLP/protobuf ingest: reads an ExportTraceServiceRequest straight from the wire
// bytes into SpanRecords, with no intermediate message tree (protobufjs builds ~25 objects per span,
// a Long per 64-bit value, and the garbage was a fifth of the server's time under load).
//
// It handles well-formed requests only. Anything that would need an explanation (a span the
// general path rejects, a truncated message, a wire type that does not match the schema, the
// pre-0.15 instrumentation_library_spans, an AnyValue with two members set, a singular message field
// sent twice, which protobufjs merges, deep nesting) makes it
// give up (null), and decodeOtlpProtobuf then decodes the request with protobufjs + toSpanRecords,
// which says precisely what is wrong. So both paths give the same records (tested on the decode
// tests and generated traffic), and the error messages live in one place.

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

class GiveUp extends Error {}
const GIVE_UP = new GiveUp('not for the fast path');

const VARINT = 0;
const I64 = 1;
const LEN = 2;
const I32 = 5;

/** Read position; nested messages are read within an end offset passed along. */
type Reader = { buf: Buffer; pos: number };

// the two halves of the last 64-bit value read (module state: no object per value)
let lo = 0;
let hi = 0;

/** A varint's low 32 bits, unsigned (as protobufjs's uint32/int32 read it, before the sign). */
const varint32 = (r: Reader, end: number): number => {
  const buf = r.buf;
  let pos = r.pos;
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
  r.pos = pos;
  return value >>> 0;
};

/**
 * A tag or a length: protobufjs refuses such varints beyond 5 bytes (and some 5-byte ones); the
 * fast path takes up to 4 (< 2^28: field numbers < 2^25, lengths < 256 MiB) and leaves the rest.
 */
const small = (r: Reader, end: number): number => {
  const buf = r.buf;
  let pos = r.pos;
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
  r.pos = pos;
  return value;
};

/** A 64-bit varint into lo/hi. */
const varint64 = (r: Reader, end: number): void => {
  const buf = r.buf;
  let pos = r.pos;
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
  r.pos = pos;
  lo = low >>> 0;
  hi = high >>> 0;
};

const fixed64 = (r: Reader, end: number): void => {
  if (r.pos + 8 > end) throw GIVE_UP;
  lo = r.buf.readUInt32LE(r.pos);
  hi = r.buf.readUInt32LE(r.pos + 4);
  r.pos += 8;
};

const fixed32 = (r: Reader, end: number): number => {
  if (r.pos + 4 > end) throw GIVE_UP;
  const v = r.buf.readUInt32LE(r.pos);
  r.pos += 4;
  return v;
};

/** The end of the length-delimited field at the read position (the position moves to its start). */
const lenEnd = (r: Reader, end: number): number => {
  const length = small(r, end);
  const fieldEnd = r.pos + length;
  if (fieldEnd > end) throw GIVE_UP;
  return fieldEnd;
};

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
 * A string field, as protobufjs's Buffer reader decodes it (invalid UTF-8 becomes U+FFFD) and made
 * storable (toStorableText). ASCII without NUL, nearly every string, needs neither step.
 */
const text = (r: Reader, end: number): string => {
  const e = lenEnd(r, end);
  const buf = r.buf;
  const start = r.pos;
  r.pos = e;
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
};

const hex = (r: Reader, end: number): string => {
  const e = lenEnd(r, end);
  const s = slicers(r.buf).hexSlice(r.pos, e);
  r.pos = e;
  return s;
};

/** Checks the wire type of a known field (protobufjs would read a wrong one as the schema's type). */
const must = (tag: number, wireType: number): void => {
  if ((tag & 7) !== wireType) throw GIVE_UP;
};

// A known field's value, its wire type checked first (one line per field in the readers below)
const uint32At = (r: Reader, tag: number, end: number): number => {
  must(tag, VARINT);
  return varint32(r, end);
};
const textAt = (r: Reader, tag: number, end: number): string => {
  must(tag, LEN);
  return text(r, end);
};
const hexAt = (r: Reader, tag: number, end: number): string => {
  must(tag, LEN);
  return hex(r, end);
};
/** The end of a known message field (the read position moves to its start). */
const messageEnd = (r: Reader, tag: number, end: number): number => {
  must(tag, LEN);
  return lenEnd(r, end);
};

const skip = (r: Reader, tag: number, end: number): void => {
  if (tag >>> 3 === 0) throw GIVE_UP;
  switch (tag & 7) {
    case VARINT:
      varint64(r, end);
      return;
    case I64:
      if (r.pos + 8 > end) throw GIVE_UP;
      r.pos += 8;
      return;
    case LEN:
      r.pos = lenEnd(r, end);
      return;
    case I32:
      if (r.pos + 4 > end) throw GIVE_UP;
      r.pos += 4;
      return;
    default:
      // groups (3, 4) and invalid wire types: left to protobufjs
      throw GIVE_UP;
  }
};

const int64Value = (): EncodedValue => {
  const high = hi | 0;
  // |value| < 2^53 whenever the signed high word is within ±2^21: exact as a double
  if (high >= -0x200000 && high < 0x200000) return encodeInt(high * 4294967296 + lo);
  return { i: BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)).toString() };
};

const nanos = (): bigint => (BigInt(hi) << 32n) | BigInt(lo);

/** A repeated KeyValue field's entry, added to `out`. */
const keyValue = (r: Reader, end: number, out: EncodedAttributes, depth: number): void => {
  let key = '';
  let value: EncodedValue = null;
  let hasValue = false;
  while (r.pos < end) {
    const tag = small(r, end);
    switch (tag >>> 3) {
      case 1:
        key = textAt(r, tag, end);
        break;
      case 2: {
        // singular message fields sent twice are merged by protobufjs: left to it, here and below
        if (hasValue) throw GIVE_UP;
        hasValue = true;
        const e = messageEnd(r, tag, end);
        value = anyValue(r, e, depth);
        break;
      }
      default:
        skip(r, tag, end);
    }
  }
  setAttribute(out, key, value);
};

const attributes = (r: Reader, end: number, out: EncodedAttributes, depth: number): void => {
  const e = lenEnd(r, end);
  keyValue(r, e, out, depth);
  r.pos = e;
};

/** An AnyValue message in the stored encoding (lib/model/attributes.ts); an empty one is null. */
const anyValue = (r: Reader, end: number, depth: number): EncodedValue => {
  if (depth > MAX_VALUE_DEPTH - 2) throw GIVE_UP;
  let value: EncodedValue = null;
  let member = 0;
  while (r.pos < end) {
    const tag = small(r, end);
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
        value = textAt(r, tag, end);
        break;
      case 2:
        must(tag, VARINT);
        varint64(r, end);
        value = (lo | hi) !== 0; // protobufjs tests every bit
        break;
      case 3:
        must(tag, VARINT);
        varint64(r, end);
        value = int64Value();
        break;
      case 4:
        must(tag, I64);
        if (r.pos + 8 > end) throw GIVE_UP;
        value = encodeDouble(r.buf.readDoubleLE(r.pos));
        r.pos += 8;
        break;
      case 5: {
        const e = messageEnd(r, tag, end);
        const values: EncodedValue[] = [];
        while (r.pos < e) {
          const t = small(r, e);
          if (t >>> 3 === 1) {
            const ve = messageEnd(r, t, e);
            values.push(anyValue(r, ve, depth + 1));
            r.pos = ve;
          } else skip(r, t, e);
        }
        value = values;
        break;
      }
      case 6: {
        const e = messageEnd(r, tag, end);
        const m: EncodedAttributes = {};
        while (r.pos < e) {
          const t = small(r, e);
          if (t >>> 3 === 1) {
            must(t, LEN);
            attributes(r, e, m, depth + 1);
          } else skip(r, t, e);
        }
        value = { m };
        break;
      }
      case 7: {
        const e = messageEnd(r, tag, end);
        value = { b: r.buf.toString('base64', r.pos, e) };
        r.pos = e;
        break;
      }
      default:
        skip(r, tag, end);
    }
  }
  return value;
};

const isId = (id: string, length: number, zero: string) => id.length === length && id !== zero;

const event = (r: Reader, end: number): StoredEvent => {
  let t = '0';
  let n = '';
  let a: EncodedAttributes | undefined;
  let d = 0;
  while (r.pos < end) {
    const tag = small(r, end);
    switch (tag >>> 3) {
      case 1:
        must(tag, I64);
        fixed64(r, end);
        t = uint64ToDecimal(hi, lo);
        break;
      case 2:
        n = textAt(r, tag, end);
        break;
      case 3:
        must(tag, LEN);
        attributes(r, end, (a ??= {}), 0);
        break;
      case 4:
        d = uint32At(r, tag, end);
        break;
      default:
        skip(r, tag, end);
    }
  }
  const stored: StoredEvent = { t, n };
  if (a !== undefined) stored.a = a;
  if (d !== 0) stored.d = d;
  return stored;
};

const link = (r: Reader, end: number): StoredLink => {
  let t = '';
  let s = '';
  let ts = '';
  let a: EncodedAttributes | undefined;
  let d = 0;
  let f = 0;
  while (r.pos < end) {
    const tag = small(r, end);
    switch (tag >>> 3) {
      case 1:
        t = hexAt(r, tag, end);
        break;
      case 2:
        s = hexAt(r, tag, end);
        break;
      case 3:
        ts = textAt(r, tag, end);
        break;
      case 4:
        must(tag, LEN);
        attributes(r, end, (a ??= {}), 0);
        break;
      case 5:
        d = uint32At(r, tag, end);
        break;
      case 6:
        must(tag, I32);
        f = fixed32(r, end);
        break;
      default:
        skip(r, tag, end);
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

/** An enum as protobufjs reads it (int32); outside 0..max is the general path's to explain. */
const enumValue = (r: Reader, end: number, max: number): number => {
  const v = varint32(r, end) | 0;
  if (v < 0 || v > max) throw GIVE_UP;
  return v;
};

const span = (r: Reader, end: number, resource: ResourceRecord, scope: ScopeRecord): SpanRecord => {
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
    const tag = small(r, end);
    switch (tag >>> 3) {
      case 1:
        traceId = hexAt(r, tag, end);
        break;
      case 2:
        spanId = hexAt(r, tag, end);
        break;
      case 3:
        traceState = textAt(r, tag, end);
        break;
      case 4:
        parentSpanId = hexAt(r, tag, end);
        break;
      case 5:
        name = textAt(r, tag, end);
        break;
      case 6:
        must(tag, VARINT);
        kind = enumValue(r, end, 5);
        break;
      case 7:
        must(tag, I64);
        fixed64(r, end);
        startNs = nanos();
        break;
      case 8:
        must(tag, I64);
        fixed64(r, end);
        endNs = nanos();
        break;
      case 9:
        must(tag, LEN);
        attributes(r, end, attrs, 0);
        break;
      case 10:
        droppedAttributesCount = uint32At(r, tag, end);
        break;
      case 11: {
        const e = messageEnd(r, tag, end);
        events.push(event(r, e));
        break;
      }
      case 12:
        droppedEventsCount = uint32At(r, tag, end);
        break;
      case 13: {
        const e = messageEnd(r, tag, end);
        links.push(link(r, e));
        break;
      }
      case 14:
        droppedLinksCount = uint32At(r, tag, end);
        break;
      case 15: {
        if (hasStatus) throw GIVE_UP;
        hasStatus = true;
        const e = messageEnd(r, tag, end);
        while (r.pos < e) {
          const t = small(r, e);
          if (t === ((2 << 3) | LEN)) statusMessage = text(r, e);
          else if (t === ((3 << 3) | VARINT)) statusCode = enumValue(r, e, 2);
          else if (t >>> 3 === 2 || t >>> 3 === 3) throw GIVE_UP;
          else skip(r, t, e);
        }
        break;
      }
      case 16:
        must(tag, I32);
        flags = fixed32(r, end);
        break;
      default:
        skip(r, tag, end);
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

const scope = (r: Reader, end: number, schemaUrl: string): ScopeRecord => {
  let name = '';
  let version = '';
  const attrs: EncodedAttributes = {};
  let droppedAttributesCount = 0;
  while (r.pos < end) {
    const tag = small(r, end);
    switch (tag >>> 3) {
      case 1:
        name = textAt(r, tag, end);
        break;
      case 2:
        version = textAt(r, tag, end);
        break;
      case 3:
        must(tag, LEN);
        attributes(r, end, attrs, 0);
        break;
      case 4:
        droppedAttributesCount = uint32At(r, tag, end);
        break;
      default:
        skip(r, tag, end);
    }
  }
  return { name, version, attributes: attrs, droppedAttributesCount, schemaUrl };
};

const resource = (r: Reader, start: number, end: number, schemaUrl: string): ResourceRecord => {
  const attrs: EncodedAttributes = {};
  let droppedAttributesCount = 0;
  r.pos = start;
  while (r.pos < end) {
    const tag = small(r, end);
    switch (tag >>> 3) {
      case 1:
        must(tag, LEN);
        attributes(r, end, attrs, 0);
        break;
      case 2:
        droppedAttributesCount = uint32At(r, tag, end);
        break;
      default:
        skip(r, tag, end);
    }
  }
  const serviceName = attrs['service.name'];
  return {
    // an SDK with no service.name configured reports unknown_service; use the same convention
    serviceName: typeof serviceName === 'string' && serviceName !== '' ? serviceName : UNKNOWN_SERVICE,
    attributes: attrs,
    droppedAttributesCount,
    schemaUrl,
  };
};

/**
 * The spans of one ScopeSpans. Fields may come in any order, so the scope and schema URL are found
 * before the spans that point at them are read.
 */
const scopeSpans = (r: Reader, end: number, res: ResourceRecord, records: SpanRecord[]): void => {
  const start = r.pos;
  let scopeStart = -1;
  let scopeEnd = -1;
  let schemaUrl = '';
  while (r.pos < end) {
    const tag = small(r, end);
    switch (tag >>> 3) {
      case 1:
        must(tag, LEN);
        if (scopeStart !== -1) throw GIVE_UP;
        scopeEnd = lenEnd(r, end);
        scopeStart = r.pos;
        r.pos = scopeEnd;
        break;
      case 3:
        schemaUrl = textAt(r, tag, end);
        break;
      case 2:
        must(tag, LEN);
        r.pos = lenEnd(r, end);
        break;
      default:
        skip(r, tag, end);
    }
  }
  r.pos = scopeStart;
  const sc = scopeStart === -1 ? { name: '', version: '', attributes: {}, droppedAttributesCount: 0, schemaUrl } : scope(r, scopeEnd, schemaUrl);
  r.pos = start;
  while (r.pos < end) {
    const tag = small(r, end);
    if (tag === ((2 << 3) | LEN)) {
      const e = lenEnd(r, end);
      records.push(span(r, e, res, sc));
      r.pos = e;
    } else skip(r, tag, end);
  }
};

const resourceSpans = (r: Reader, end: number, records: SpanRecord[]): void => {
  const start = r.pos;
  let resourceStart = -1;
  let resourceEnd = -1;
  let schemaUrl = '';
  while (r.pos < end) {
    const tag = small(r, end);
    switch (tag >>> 3) {
      case 1:
        must(tag, LEN);
        if (resourceStart !== -1) throw GIVE_UP;
        resourceEnd = lenEnd(r, end);
        resourceStart = r.pos;
        r.pos = resourceEnd;
        break;
      case 2:
        must(tag, LEN);
        r.pos = lenEnd(r, end);
        break;
      case 3:
        schemaUrl = textAt(r, tag, end);
        break;
      case 1000:
        // instrumentation_library_spans (OTLP < 0.15)
        throw GIVE_UP;
      default:
        skip(r, tag, end);
    }
  }
  const res =
    resourceStart === -1
      ? { serviceName: UNKNOWN_SERVICE, attributes: {}, droppedAttributesCount: 0, schemaUrl }
      : resource(r, resourceStart, resourceEnd, schemaUrl);
  r.pos = start;
  while (r.pos < end) {
    const tag = small(r, end);
    if (tag === ((2 << 3) | LEN)) {
      const e = lenEnd(r, end);
      scopeSpans(r, e, res, records);
      r.pos = e;
    } else skip(r, tag, end);
  }
};

/**
 * An ExportTraceServiceRequest read straight into records, or null when the request is not one the
 * fast path takes (see above): the caller then decodes it the general way.
 */
export const readOtlpProtobuf = (bytes: Uint8Array): DecodedBatch | null => {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const r: Reader = { buf, pos: 0 };
  const end = buf.length;
  const records: SpanRecord[] = [];
  try {
    while (r.pos < end) {
      const tag = small(r, end);
      if (tag >>> 3 === 1) {
        const e = messageEnd(r, tag, end);
        resourceSpans(r, e, records);
        r.pos = e;
      } else skip(r, tag, end);
    }
  } catch (error) {
    if (error instanceof GiveUp) return null;
    throw error;
  }
  return { records, rejected: [] };
};
