var __defProp = Object.defineProperty;
var __name = (target, value) => __defProp(target, "name", { value, configurable: true });

// .x3.ts
import { JsonTraceSerializer } from "@opentelemetry/otlp-transformer";
import { ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";

// lib/model/attributes.ts
var MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
var encodeInt = /* @__PURE__ */ __name((n) => {
  if (typeof n === "number") return Number.isSafeInteger(n) ? n : { i: BigInt(Math.trunc(n)).toString() };
  return n <= MAX_SAFE && n >= -MAX_SAFE ? Number(n) : { i: n.toString() };
}, "encodeInt");
var encodeDouble = /* @__PURE__ */ __name((n) => ({ d: Number.isFinite(n) ? n : String(n) }), "encodeDouble");

// lib/ingest/otlp/to-span-records.ts
var OtlpDecodeError = class extends Error {
  static {
    __name(this, "OtlpDecodeError");
  }
  constructor(message) {
    super(message);
    this.name = "OtlpDecodeError";
  }
};
var FieldError = class extends Error {
  constructor(problem, path = "") {
    super(problem);
    this.problem = problem;
    this.name = "FieldError";
    this.path = path;
  }
  problem;
  static {
    __name(this, "FieldError");
  }
  path;
  /** Prefixes the path with an enclosing field, e.g. `attributes[2]` + `value.intValue`. */
  within(segment) {
    this.path = this.path === "" ? segment : this.path[0] === "[" ? segment + this.path : `${segment}.${this.path}`;
    return this;
  }
  /** `path: problem`, or just the problem when it concerns the span itself. */
  describe() {
    return this.path === "" ? this.problem : `${this.path}: ${this.problem}`;
  }
};
var ZERO_TRACE_ID = "0".repeat(32);
var ZERO_SPAN_ID = "0".repeat(16);
var MAX_INT64 = (1n << 63n) - 1n;
var MAX_VALUE_DEPTH = 32;
var UNKNOWN_SERVICE = "unknown_service";
var SPAN_KIND_BY_NAME = new Map(
  ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"].flatMap((name, i) => [
    [`SPAN_KIND_${name}`, i],
    [name, i]
  ])
);
var STATUS_CODE_BY_NAME = new Map(
  ["UNSET", "OK", "ERROR"].flatMap((name, i) => [
    [`STATUS_CODE_${name}`, i],
    [name, i]
  ])
);
var toStorableText = /* @__PURE__ */ __name((s) => s.indexOf("\0") === -1 && s.isWellFormed() ? s : s.toWellFormed().replaceAll("\0", "\uFFFD"), "toStorableText");
var isWireObject = /* @__PURE__ */ __name((v) => typeof v === "object" && v !== null && !Array.isArray(v), "isWireObject");
var describeType = /* @__PURE__ */ __name((v) => v === null ? "null" : Array.isArray(v) ? "array" : typeof v, "describeType");
var readText = /* @__PURE__ */ __name((v, field) => {
  if (typeof v === "string") return toStorableText(v);
  if (v == null) return "";
  throw new FieldError(`expected a string, got ${describeType(v)}`, field);
}, "readText");
var DECIMAL_RE = /^\d+$/;
var readUint32 = /* @__PURE__ */ __name((v, field) => {
  if (typeof v === "number") {
    if (v >>> 0 === v) return v;
  } else if (v == null) {
    return 0;
  } else if (typeof v === "string" && v.length <= 10 && DECIMAL_RE.test(v)) {
    const n = Number(v);
    if (n <= 4294967295) return n;
  }
  throw new FieldError("expected an unsigned 32-bit integer", field);
}, "readUint32");
var readEnum = /* @__PURE__ */ __name((v, field, byName, max) => {
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= 0 && v <= max) return v;
    throw new FieldError(`must be 0..${max}, got ${v}`, field);
  }
  if (v == null) return 0;
  if (typeof v === "string") {
    const n = byName.get(v.toUpperCase());
    if (n !== void 0) return n;
    if (DECIMAL_RE.test(v)) return readEnum(Number(v), field, byName, max);
    throw new FieldError(`unknown value ${JSON.stringify(v.slice(0, 40))}`, field);
  }
  throw new FieldError(`expected an integer, got ${describeType(v)}`, field);
}, "readEnum");
var FLOAT_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
var readDouble = /* @__PURE__ */ __name((v, field) => {
  if (typeof v === "number") return encodeDouble(v);
  if (typeof v === "string" && (v === "NaN" || v === "Infinity" || v === "-Infinity" || FLOAT_RE.test(v))) {
    return encodeDouble(Number(v));
  }
  throw new FieldError(`expected a number, got ${describeType(v)}`, field);
}, "readDouble");
var setAttribute = /* @__PURE__ */ __name((out, key, value) => {
  if (key === "__proto__") Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}, "setAttribute");
var toEncodedAttributes = /* @__PURE__ */ __name((keyValues, codec, field, depth = 0) => {
  const out = {};
  if (keyValues == null) return out;
  if (!Array.isArray(keyValues)) throw new FieldError(`expected an array, got ${describeType(keyValues)}`, field);
  let i = 0;
  let inValue = false;
  try {
    for (; i < keyValues.length; i++) {
      inValue = false;
      const keyValue = keyValues[i];
      if (!isWireObject(keyValue)) throw new FieldError(`expected a KeyValue object, got ${describeType(keyValue)}`);
      const key = readText(keyValue.key, "key");
      inValue = true;
      const value = keyValue.value == null ? null : toEncodedValue(keyValue.value, codec, depth);
      setAttribute(out, key, value);
    }
  } catch (error) {
    if (error instanceof FieldError) throw error.within(inValue ? `${field}[${i}].value` : `${field}[${i}]`);
    throw error;
  }
  return out;
}, "toEncodedAttributes");
var toEncodedValue = /* @__PURE__ */ __name((anyValue, codec, depth) => {
  if (!isWireObject(anyValue)) throw new FieldError(`expected an AnyValue object, got ${describeType(anyValue)}`);
  const kind = codec.valueKind(anyValue);
  switch (kind) {
    case void 0:
      return null;
    case "stringValue":
      return readText(anyValue.stringValue, kind);
    case "boolValue":
      if (typeof anyValue.boolValue === "boolean") return anyValue.boolValue;
      throw new FieldError(`expected a boolean, got ${describeType(anyValue.boolValue)}`, kind);
    case "intValue":
      return codec.int(anyValue.intValue, kind);
    case "doubleValue":
      return readDouble(anyValue.doubleValue, kind);
    case "bytesValue":
      return { b: codec.bytes(anyValue.bytesValue, kind) };
    case "arrayValue":
      return toEncodedArray(anyValue.arrayValue, codec, depth + 1);
    case "kvlistValue": {
      const list = anyValue.kvlistValue;
      if (depth + 1 > MAX_VALUE_DEPTH) throw new FieldError(`nested deeper than ${MAX_VALUE_DEPTH} levels`, kind);
      if (!isWireObject(list)) throw new FieldError(`expected a KeyValueList object, got ${describeType(list)}`, kind);
      return { m: toEncodedAttributes(list.values, codec, `${kind}.values`, depth + 1) };
    }
    default:
      return null;
  }
}, "toEncodedValue");
var toEncodedArray = /* @__PURE__ */ __name((arrayValue, codec, depth) => {
  if (depth > MAX_VALUE_DEPTH) throw new FieldError(`nested deeper than ${MAX_VALUE_DEPTH} levels`, "arrayValue");
  if (!isWireObject(arrayValue)) throw new FieldError(`expected an ArrayValue object, got ${describeType(arrayValue)}`, "arrayValue");
  const values = arrayValue.values;
  if (values == null) return [];
  if (!Array.isArray(values)) throw new FieldError(`expected an array, got ${describeType(values)}`, "arrayValue.values");
  const out = new Array(values.length);
  let i = 0;
  try {
    for (; i < values.length; i++) out[i] = values[i] == null ? null : toEncodedValue(values[i], codec, depth);
  } catch (error) {
    if (error instanceof FieldError) throw error.within(`arrayValue.values[${i}]`);
    throw error;
  }
  return out;
}, "toEncodedArray");
var hasItems = /* @__PURE__ */ __name((list) => list != null && (!Array.isArray(list) || list.length > 0), "hasItems");
var checkId = /* @__PURE__ */ __name((hex, hexLength, zero, what) => {
  if (hex.length !== hexLength) {
    if (hex.length === 0) throw new FieldError(`${what} is missing`);
    throw new FieldError(`${what} must be ${hexLength / 2} bytes (${hexLength} hex chars), got ${hex.length / 2} bytes`);
  }
  if (hex === zero) throw new FieldError(`${what} is all zeros`);
  return hex;
}, "checkId");
var toStoredEvents = /* @__PURE__ */ __name((events, codec) => {
  if (events == null) return [];
  if (!Array.isArray(events)) throw new FieldError(`expected an array, got ${describeType(events)}`, "events");
  const out = new Array(events.length);
  let i = 0;
  try {
    for (; i < events.length; i++) {
      const event = events[i];
      if (!isWireObject(event)) throw new FieldError(`expected an Event object, got ${describeType(event)}`);
      const stored = {
        t: codec.nanosText(event.timeUnixNano, "timeUnixNano"),
        n: readText(event.name, "name")
      };
      if (hasItems(event.attributes)) stored.a = toEncodedAttributes(event.attributes, codec, "attributes");
      const dropped = readUint32(event.droppedAttributesCount, "droppedAttributesCount");
      if (dropped !== 0) stored.d = dropped;
      out[i] = stored;
    }
  } catch (error) {
    if (error instanceof FieldError) throw error.within(`events[${i}]`);
    throw error;
  }
  return out;
}, "toStoredEvents");
var toStoredLinks = /* @__PURE__ */ __name((links, codec) => {
  if (links == null) return [];
  if (!Array.isArray(links)) throw new FieldError(`expected an array, got ${describeType(links)}`, "links");
  const out = new Array(links.length);
  let i = 0;
  try {
    for (; i < links.length; i++) {
      const link = links[i];
      if (!isWireObject(link)) throw new FieldError(`expected a Link object, got ${describeType(link)}`);
      const stored = {
        t: checkId(codec.id(link.traceId, "traceId"), 32, ZERO_TRACE_ID, "trace id"),
        s: checkId(codec.id(link.spanId, "spanId"), 16, ZERO_SPAN_ID, "span id")
      };
      const traceState = readText(link.traceState, "traceState");
      if (traceState !== "") stored.ts = traceState;
      if (hasItems(link.attributes)) stored.a = toEncodedAttributes(link.attributes, codec, "attributes");
      const dropped = readUint32(link.droppedAttributesCount, "droppedAttributesCount");
      if (dropped !== 0) stored.d = dropped;
      const flags = readUint32(link.flags, "flags");
      if (flags !== 0) stored.f = flags;
      out[i] = stored;
    }
  } catch (error) {
    if (error instanceof FieldError) throw error.within(`links[${i}]`);
    throw error;
  }
  return out;
}, "toStoredLinks");
var readSpanTime = /* @__PURE__ */ __name((value, field, codec) => {
  const ns = codec.nanos(value, field);
  if (ns > MAX_INT64) throw new FieldError("is beyond the int64 range (year 2262)", field);
  return ns;
}, "readSpanTime");
var toSpanRecord = /* @__PURE__ */ __name((span, resource, scope, codec) => {
  if (!isWireObject(span)) throw new FieldError(`expected a Span object, got ${describeType(span)}`);
  const traceId = checkId(codec.id(span.traceId, "traceId"), 32, ZERO_TRACE_ID, "trace id");
  const spanId = checkId(codec.id(span.spanId, "spanId"), 16, ZERO_SPAN_ID, "span id");
  let parentSpanId = codec.id(span.parentSpanId, "parentSpanId");
  if (parentSpanId !== "") {
    if (parentSpanId.length !== 16) {
      throw new FieldError(`parent span id must be empty or 8 bytes (16 hex chars), got ${parentSpanId.length / 2} bytes`);
    }
    if (parentSpanId === ZERO_SPAN_ID) parentSpanId = "";
  }
  const startNs = readSpanTime(span.startTimeUnixNano, "startTimeUnixNano", codec);
  if (startNs === 0n) throw new FieldError("start time is missing");
  const endNs = readSpanTime(span.endTimeUnixNano, "endTimeUnixNano", codec);
  let statusCode = 0;
  let statusMessage = "";
  const status = span.status;
  if (status != null) {
    if (!isWireObject(status)) throw new FieldError(`expected a Status object, got ${describeType(status)}`, "status");
    statusCode = readEnum(status.code, "status.code", STATUS_CODE_BY_NAME, 2);
    statusMessage = readText(status.message, "status.message");
  }
  return {
    traceId,
    spanId,
    parentSpanId,
    name: readText(span.name, "name"),
    kind: readEnum(span.kind, "kind", SPAN_KIND_BY_NAME, 5),
    startNs,
    endNs,
    statusCode,
    statusMessage,
    traceState: readText(span.traceState, "traceState"),
    flags: readUint32(span.flags, "flags"),
    attributes: toEncodedAttributes(span.attributes, codec, "attributes"),
    droppedAttributesCount: readUint32(span.droppedAttributesCount, "droppedAttributesCount"),
    events: toStoredEvents(span.events, codec),
    droppedEventsCount: readUint32(span.droppedEventsCount, "droppedEventsCount"),
    links: toStoredLinks(span.links, codec),
    droppedLinksCount: readUint32(span.droppedLinksCount, "droppedLinksCount"),
    resource,
    scope
  };
}, "toSpanRecord");
var atPath = /* @__PURE__ */ __name((path, read) => {
  try {
    return read();
  } catch (error) {
    if (error instanceof FieldError) throw new OtlpDecodeError(`${path}${error.path === "" || error.path[0] === "[" ? "" : "."}${error.path}: ${error.problem}`);
    throw error;
  }
}, "atPath");
var readList = /* @__PURE__ */ __name((v, path) => {
  if (v == null) return [];
  if (!Array.isArray(v)) throw new OtlpDecodeError(`${path}: expected an array, got ${describeType(v)}`);
  return v;
}, "readList");
var readObject = /* @__PURE__ */ __name((v, path) => {
  if (v == null) return null;
  if (!isWireObject(v)) throw new OtlpDecodeError(`${path}: expected an object, got ${describeType(v)}`);
  return v;
}, "readObject");
var toResourceRecord = /* @__PURE__ */ __name((resourceSpans, path, codec) => atPath(path, () => {
  const resource = readObject(resourceSpans.resource, `${path}.resource`);
  const attributes = resource ? toEncodedAttributes(resource.attributes, codec, "resource.attributes") : {};
  const serviceName = attributes["service.name"];
  return {
    // an SDK with no service.name configured reports unknown_service; use the same convention
    serviceName: typeof serviceName === "string" && serviceName !== "" ? serviceName : UNKNOWN_SERVICE,
    attributes,
    droppedAttributesCount: resource ? readUint32(resource.droppedAttributesCount, "resource.droppedAttributesCount") : 0,
    schemaUrl: readText(resourceSpans.schemaUrl, "schemaUrl")
  };
}), "toResourceRecord");
var toScopeRecord = /* @__PURE__ */ __name((scopeSpans, scopeField, path, codec) => atPath(path, () => {
  const scope = readObject(scopeSpans[scopeField], `${path}.${scopeField}`);
  return {
    name: scope ? readText(scope.name, `${scopeField}.name`) : "",
    version: scope ? readText(scope.version, `${scopeField}.version`) : "",
    attributes: scope ? toEncodedAttributes(scope.attributes, codec, `${scopeField}.attributes`) : {},
    droppedAttributesCount: scope ? readUint32(scope.droppedAttributesCount, `${scopeField}.droppedAttributesCount`) : 0,
    schemaUrl: readText(scopeSpans.schemaUrl, "schemaUrl")
  };
}), "toScopeRecord");
var spanLabel = /* @__PURE__ */ __name((span, path) => {
  const name = isWireObject(span) && typeof span.name === "string" ? span.name : void 0;
  if (name === void 0) return path;
  const shown = name.length > 80 ? `${name.slice(0, 80)}\u2026` : name;
  return `${path} (name ${JSON.stringify(toStorableText(shown))})`;
}, "spanLabel");
var appendSpans = /* @__PURE__ */ __name((spans, resource, scope, codec, path, batch) => {
  for (let i = 0; i < spans.length; i++) {
    try {
      batch.records.push(toSpanRecord(spans[i], resource, scope, codec));
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      const rejection = { reason: `${spanLabel(spans[i], `${path}.spans[${i}]`)}: ${error.describe()}` };
      batch.rejected.push(rejection);
    }
  }
}, "appendSpans");
var toSpanRecords = /* @__PURE__ */ __name((request, codec) => {
  const batch = { records: [], rejected: [] };
  const resourceSpansList = readList(request.resourceSpans, "resourceSpans");
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
      const scope = toScopeRecord(scopeSpans, "scope", scopePath, codec);
      appendSpans(readList(scopeSpans.spans, `${scopePath}.spans`), resource, scope, codec, scopePath, batch);
    }
    const librarySpansList = readList(resourceSpans.instrumentationLibrarySpans, `${path}.instrumentationLibrarySpans`);
    for (let s = 0; s < librarySpansList.length; s++) {
      const scopePath = `${path}.instrumentationLibrarySpans[${s}]`;
      const librarySpans = readObject(librarySpansList[s], scopePath);
      if (librarySpans === null) continue;
      const scope = toScopeRecord(librarySpans, "instrumentationLibrary", scopePath, codec);
      appendSpans(readList(librarySpans.spans, `${scopePath}.spans`), resource, scope, codec, scopePath, batch);
    }
  }
  return batch;
}, "toSpanRecords");

// lib/ingest/otlp/decode-otlp-json.ts
var HEX_LOWER_RE = /^[0-9a-f]*$/;
var HEX_ANY_RE = /^[0-9a-fA-F]*$/;
var UNSIGNED_RE = /^\d+$/;
var CANONICAL_UNSIGNED_RE = /^(0|[1-9]\d*)$/;
var SIGNED_RE = /^-?\d+$/;
var BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;
var BASE64_LENIENT_RE = /^[A-Za-z0-9+/\-_]*={0,2}$/;
var MAX_UINT64 = (1n << 64n) - 1n;
var MIN_INT64 = -(1n << 63n);
var MAX_INT642 = (1n << 63n) - 1n;
var TWO_POW_63 = 2 ** 63;
var TWO_POW_64 = 2 ** 64;
var preview = /* @__PURE__ */ __name((s) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}\u2026` : s), "preview");
var readHexId = /* @__PURE__ */ __name((value, field) => {
  if (typeof value === "string") {
    if ((value.length & 1) === 0) {
      if (HEX_LOWER_RE.test(value)) return value;
      if (HEX_ANY_RE.test(value)) return value.toLowerCase();
    }
    throw new FieldError(`expected a hex string, got ${preview(value)}`, field);
  }
  if (value == null) return "";
  throw new FieldError(`expected a hex string, got ${describeType(value)}`, field);
}, "readHexId");
var readNanos = /* @__PURE__ */ __name((value, field) => {
  if (typeof value === "string") {
    if (value.length <= 20 && UNSIGNED_RE.test(value)) {
      const n = BigInt(value);
      if (n <= MAX_UINT64) return n;
    }
  } else if (typeof value === "number") {
    if (Number.isInteger(value) && value >= 0 && value < TWO_POW_64) return BigInt(value);
  } else if (value == null) {
    return 0n;
  }
  throw new FieldError("expected a decimal string or number", field);
}, "readNanos");
var readNanosText = /* @__PURE__ */ __name((value, field) => {
  if (typeof value === "string" && value.length < 20 && CANONICAL_UNSIGNED_RE.test(value)) return value;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  return readNanos(value, field).toString();
}, "readNanosText");
var readInt = /* @__PURE__ */ __name((value, field) => {
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= -TWO_POW_63 && value < TWO_POW_63) return encodeInt(value);
  } else if (typeof value === "string" && SIGNED_RE.test(value)) {
    if (value.length <= 15) return encodeInt(Number(value));
    const n = BigInt(value);
    if (n >= MIN_INT64 && n <= MAX_INT642) return encodeInt(n);
  }
  throw new FieldError("expected a 64-bit integer as a decimal string or number", field);
}, "readInt");
var readBase64 = /* @__PURE__ */ __name((value, field) => {
  if (typeof value === "string") {
    if ((value.length & 3) === 0 && BASE64_RE.test(value)) return value;
    if (BASE64_LENIENT_RE.test(value) && (value.length & 3) !== 1) return Buffer.from(value, "base64").toString("base64");
    throw new FieldError(`expected base64, got ${preview(value)}`, field);
  }
  if (value == null) return "";
  throw new FieldError(`expected a base64 string, got ${describeType(value)}`, field);
}, "readBase64");
var JSON_CODEC = {
  id: readHexId,
  nanos: readNanos,
  nanosText: readNanosText,
  int: readInt,
  bytes: readBase64,
  // a JSON AnyValue holds one of these keys; null counts as absent (proto3 JSON)
  valueKind: /* @__PURE__ */ __name((v) => v.stringValue != null ? "stringValue" : v.intValue != null ? "intValue" : v.boolValue != null ? "boolValue" : v.doubleValue != null ? "doubleValue" : v.arrayValue != null ? "arrayValue" : v.kvlistValue != null ? "kvlistValue" : v.bytesValue != null ? "bytesValue" : void 0, "valueKind")
};

// .x3.ts
var exporter = new InMemorySpanExporter();
var provider = new BasicTracerProvider({ resource: resourceFromAttributes({ "service.name": "bench" }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
var tracer = provider.getTracer("bench", "1.0.0");
var root = tracer.startSpan("root");
var ctx = trace.setSpan(ROOT_CONTEXT, root);
for (let i = 0; i < 999; i++) {
  const span = tracer.startSpan(`GET /api/items/${i % 20}`, { kind: SpanKind.SERVER, attributes: {
    "http.request.method": "GET",
    "http.response.status_code": 200,
    "url.path": `/api/items/${i}`,
    "url.scheme": "https",
    "server.address": "api.example.com",
    "server.port": 443,
    "user_agent.original": "Mozilla/5.0 (X11; Linux x86_64)",
    "network.protocol.version": "1.1",
    "app.latency_ratio": 0.25 + i / 1e3,
    "app.cache_hit": i % 2 === 0
  } }, ctx);
  if (i % 10 === 0) span.addEvent("cache.miss", { key: `item:${i}` });
  span.end();
}
root.end();
var js = new TextDecoder().decode(JsonTraceSerializer.serializeRequest(exporter.getFinishedSpans()));
var parsed = JSON.parse(js);
var measure = /* @__PURE__ */ __name((name, f, n) => {
  for (let i = 0; i < 20; i++) f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  const ms = (performance.now() - t) / n;
  console.log(`${name}: ${ms.toFixed(2)} ms/request`);
}, "measure");
var RE = /"[A-Za-z0-9]*_[A-Za-z0-9_]*"\s*:/;
for (let k = 0; k < 2; k++) {
  measure("snake regex", () => RE.test(js), 100);
  measure("JSON.parse", () => JSON.parse(js), 100);
  measure("convert", () => toSpanRecords(parsed, JSON_CODEC), 100);
}
