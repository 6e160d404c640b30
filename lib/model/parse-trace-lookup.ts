import { parseTraceId } from './trace-id';

// What people paste to find a trace: a bare id (32 or 16 hex, any case, leading zeros maybe
// dropped, or base64), a W3C traceparent, B3 (single `b3` header or X-B3-TraceId), Jaeger's
// uber-trace-id, an AWS X-Ray `Root=1-…` id, a whole `X-Trace-Id: …` header line, or a block of
// response headers (the first header recognised wins). Pure: resolving candidates against the
// store is lib/traces/resolve-trace-lookup.ts.

/** Candidate ids, most likely first. A 16-hex id may be a 64-bit trace id or a span id: both are listed. */
export type TraceLookup = {
  /** 32 lower-case hex each */
  traceIds: string[];
  /** 16 lower-case hex each */
  spanIds: string[];
  /** which form was recognised, for messages */
  format: string;
};

const NONE: TraceLookup = { traceIds: [], spanIds: [], format: 'unrecognised' };

const HEX = /^[0-9a-f]+$/i;
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/i;
const XRAY_ROOT = /(?:^|[;\s])Root=1-([0-9a-f]{8})-([0-9a-f]{24})(?:$|[;\s])/i;
const UUID = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i;

const trace = (s: string): string | undefined => {
  try {
    return parseTraceId(s);
  } catch {
    return undefined;
  }
};
const span = (s: string): string | undefined =>
  HEX.test(s) && s.length <= 16 && !/^0+$/.test(s) ? s.toLowerCase().padStart(16, '0') : undefined;

const result = (format: string, traceIds: (string | undefined)[], spanIds: (string | undefined)[] = []): TraceLookup => {
  const t = [...new Set(traceIds.filter((x): x is string => x !== undefined))];
  const s = [...new Set(spanIds.filter((x): x is string => x !== undefined))];
  return t.length + s.length === 0 ? NONE : { traceIds: t, spanIds: s, format };
};

/** A bare id: trace id first; one of 16 hex characters or fewer may also be a span id. */
const bareId = (s: string, format = 'trace id'): TraceLookup => {
  const uuid = UUID.exec(s);
  if (uuid) return result('trace id (UUID form)', [trace(uuid.slice(1).join(''))]);
  return result(format, [trace(s)], HEX.test(s) && s.length <= 16 ? [span(s)] : []);
};

const traceparent = (v: string) => {
  const m = TRACEPARENT.exec(v);
  return m ? result('W3C traceparent', [trace(m[2])], [span(m[3])]) : NONE;
};

const xray = (v: string) => {
  const m = XRAY_ROOT.exec(v);
  if (!m) return NONE;
  // OpenTelemetry's X-Ray propagator: the trace id is the epoch seconds followed by the unique part
  const parent = /(?:^|;)\s*Parent=([0-9a-f]{16})/i.exec(v);
  return result('AWS X-Ray', [trace(m[1] + m[2])], [parent ? span(parent[1]) : undefined]);
};

/** URL-decodes, leaving text with a malformed escape as typed (pasted text may hold a stray %). */
export const safeDecode = (v: string) => {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
};

const uberTraceId = (v: string) => {
  const parts = safeDecode(v).split(':');
  if (parts.length !== 4 || !HEX.test(parts[0]) || !HEX.test(parts[1])) return NONE;
  return result('Jaeger uber-trace-id', [trace(parts[0])], [span(parts[1])]);
};

const b3Single = (v: string) => {
  const parts = v.split('-');
  if (parts.length < 2 || !HEX.test(parts[0]) || !HEX.test(parts[1])) return NONE;
  if (![16, 32].includes(parts[0].length) || parts[1].length !== 16) return NONE;
  return result('B3', [trace(parts[0])], [span(parts[1])]);
};

const decimal64 = (v: string) => {
  if (!/^\d{1,20}$/.test(v)) return NONE;
  const n = BigInt(v);
  if (n === 0n || n >= 1n << 64n) return NONE;
  return result('Datadog trace id', [trace(n.toString(16))]);
};

// header name (lower case) → how to read its value
const HEADERS: Record<string, (value: string) => TraceLookup> = {
  traceparent,
  b3: (v) => b3Single(v),
  'x-b3-traceid': (v) => bareId(v, 'B3 X-B3-TraceId'),
  'uber-trace-id': uberTraceId,
  'x-amzn-trace-id': xray,
  'x-ray-trace-id': xray,
  'x-trace-id': (v) => anyValue(v),
  'trace-id': (v) => anyValue(v),
  traceid: (v) => anyValue(v),
  'x-datadog-trace-id': decimal64,
  'x-b3-spanid': (v) => result('B3 X-B3-SpanId', [], [span(v)]),
  'x-span-id': (v) => result('span id', [], [span(v)]),
};

const unquote = (s: string) => s.trim().replace(/^["'`]+|["'`,;]+$/g, '').trim();

/** A value with no header name: each known form in turn, then the first id-looking token. */
const anyValue = (raw: string): TraceLookup => {
  const v = unquote(raw);
  for (const read of [traceparent, xray, uberTraceId, b3Single]) {
    const r = read(v);
    if (r.traceIds.length > 0) return r;
  }
  const bare = bareId(v);
  if (bare !== NONE) return bare;
  const path = /\/trace\/([^/?#\s]+)/.exec(v);
  if (path) return anyValue(safeDecode(path[1]));
  const long = /\b[0-9a-f]{32}\b/i.exec(v);
  if (long) return bareId(long[0]);
  const short = /\b[0-9a-f]{16}\b/i.exec(v);
  if (short) return bareId(short[0]);
  return NONE;
};

/** Reads pasted text (an id, a header value, a header line, a block of headers) into candidate ids. */
export const parseTraceLookup = (text: string): TraceLookup => {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  for (const line of lines) {
    const m = /^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const read = HEADERS[m[1].toLowerCase()];
    if (!read) continue;
    const r = read(unquote(m[2]));
    if (r !== NONE) return r;
  }
  // no recognised header: X-Ray ids and uber-trace-ids contain ':' or ';', so try the whole text
  if (lines.length === 1 && !/^[A-Za-z][A-Za-z0-9_-]*\s*:\s/.test(lines[0])) return anyValue(lines[0]);
  for (const line of lines) {
    const r = anyValue(line.replace(/^[A-Za-z][A-Za-z0-9_-]*\s*:\s*/, ''));
    if (r !== NONE) return r;
  }
  return NONE;
};
