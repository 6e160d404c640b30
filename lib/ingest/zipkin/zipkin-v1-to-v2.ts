import type { Endpoint, ZipkinSpan } from './wire-types';

// Zipkin's v1 model → v2 spans, as zipkin2.v1.V1SpanConverter does it (Zipkin's own collector
// converts every v1 span this way, JSON or Thrift):
//  - each endpoint (by service name) named by an annotation or binary annotation is one v2 span;
//    the first endpoint seen is the local endpoint of the v1 span's own fields (timestamp,
//    duration), so a local span whose only endpoint is on a binary annotation takes its service
//    from there;
//  - core annotations (cs/cr client, sr/ss server, ms/mr producer/consumer, ws/wr wire) need an
//    endpoint; they give kind and timing, and are not kept as annotations;
//  - timing: the span's own `timestamp` and `duration` win when both are set; otherwise the begin
//    annotation is the timestamp and end − begin the duration;
//  - a v1 span with both client and server sides becomes a client span and a `shared` server span
//    (timed by sr/ss); a server-only v1 span without `timestamp` (or with ss but no `duration`) is
//    `shared` too: by v1 convention the caller owns the span's timestamp;
//  - binary annotations are tags of their endpoint's span, except `ca`/`sa`/`ma` (the remote
//    endpoint) and an empty `lc` marker.
// Where a span still has no timestamp (Zipkin stores it without one; we need a start), its
// earliest annotation is taken. Values the v1 model leaves loose are passed on as found and
// checked by to-span-records.ts.

type V1Annotation = { timestamp?: unknown; value?: unknown; endpoint?: Endpoint };
type V1BinaryAnnotation = { key?: unknown; value?: unknown; endpoint?: Endpoint };

export type ZipkinV1Span = {
  traceId?: unknown;
  id?: unknown;
  parentId?: unknown;
  name?: unknown;
  timestamp?: unknown;
  duration?: unknown;
  debug?: unknown;
  annotations?: unknown;
  binaryAnnotations?: unknown;
};

type Builder = {
  span: ZipkinSpan & { annotations: { timestamp: unknown; value: unknown }[]; tags: Record<string, string> };
  local?: Endpoint;
};

const CORE = new Set(['cs', 'cr', 'sr', 'ss', 'ms', 'mr', 'ws', 'wr']);

const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v.filter((x) => typeof x === 'object' && x !== null) as T[]) : []);
/** a positive number of µs, else undefined (v1 writes 0 for "not set") */
const micros = (v: unknown): number | undefined => (typeof v === 'number' && v > 0 ? v : typeof v === 'string' && /^[1-9]\d*$/.test(v) ? Number(v) : undefined);
const endpointOf = (v: unknown): Endpoint | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Endpoint) : undefined);
const serviceKey = (e: Endpoint | undefined) => (typeof e?.serviceName === 'string' ? e.serviceName.toLowerCase() : '');
const sameService = (a: Endpoint | undefined, b: Endpoint | undefined) => a !== undefined && b !== undefined && serviceKey(a) === serviceKey(b);
const tagText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** Times a span by the v1 span's own timestamp and duration when both are set, else by begin/end annotations. */
const timeSpan = (b: Builder, sourceTs: number | undefined, sourceDuration: number | undefined, begin: V1Annotation, end?: V1Annotation) => {
  if (sourceTs !== undefined && sourceDuration !== undefined) {
    b.span.timestamp = sourceTs;
    b.span.duration = sourceDuration;
  } else {
    b.span.timestamp = begin.timestamp;
    const [t0, t1] = [micros(begin.timestamp), micros(end?.timestamp)];
    if (t0 !== undefined && t1 !== undefined) b.span.duration = t1 - t0;
  }
};

/** One v1 span → its v2 spans (one per endpoint; see the header comment). */
export const zipkinV1ToV2 = (source: ZipkinV1Span): ZipkinSpan[] => {
  if (typeof source !== 'object' || source === null || Array.isArray(source)) return [source as ZipkinSpan]; // rejected later, with a reason
  const annotations = list<V1Annotation>(source.annotations);
  const binary = list<V1BinaryAnnotation>(source.binaryAnnotations);
  const sourceTs = micros(source.timestamp);
  const sourceDuration = micros(source.duration);

  const newBuilder = (local?: Endpoint): Builder => ({
    span: { traceId: source.traceId, id: source.id, parentId: source.parentId, name: source.name, debug: source.debug, annotations: [], tags: {} },
    local,
  });
  const first = newBuilder();
  if (sourceTs !== undefined) first.span.timestamp = sourceTs;
  if (sourceDuration !== undefined) first.span.duration = sourceDuration;
  const others: Builder[] = [];
  /** the span of an endpoint: missing endpoint data goes to the first span */
  const forEndpoint = (e: Endpoint | undefined): Builder => {
    if (!e) return first;
    if (sameService(e, first.local)) return first;
    const found = others.find((b) => sameService(e, b.local));
    if (found) return found;
    if (!first.local) {
      first.local = e;
      return first;
    }
    const b = newBuilder(e);
    others.push(b);
    return b;
  };

  const core: Partial<Record<string, V1Annotation & { endpoint: Endpoint }>> = {};
  for (const a of annotations) {
    const e = endpointOf(a.endpoint);
    const b = forEndpoint(e);
    const value = String(a.value);
    if (e && CORE.has(value)) {
      if (value === 'cs' || value === 'cr') b.span.kind = 'CLIENT';
      else if (value === 'sr' || value === 'ss') b.span.kind = 'SERVER';
      else if (value === 'ms') b.span.kind = 'PRODUCER';
      else if (value === 'mr') b.span.kind = 'CONSUMER';
      core[value] = { ...a, endpoint: e };
    } else {
      b.span.annotations.push({ timestamp: a.timestamp, value: a.value });
    }
  }
  let { cs, sr, cr, ss } = core;
  const { ms, mr, ws, wr } = core;

  // py_zipkin's v1 local span "simulates a full two-part span locally": cs = sr and cr = ss on one
  // endpoint. No RPC is received the microsecond it is sent; Zipkin's converter would make it a
  // loopback pair that Zipkin's UI then merges back into one span: it is one local span here.
  const simulatedLocal =
    cs && sr && cr && ss && sameService(cs.endpoint, sr.endpoint) && cs.timestamp === sr.timestamp && cr.timestamp === ss.timestamp;
  if (simulatedLocal) {
    const b = forEndpoint(cs!.endpoint);
    delete b.span.kind;
    timeSpan(b, sourceTs, sourceDuration, cs!, cr!);
    cs = sr = cr = ss = undefined;
  }

  // bridging from an event model can leave a start annotation out: the span's timing implies it
  const endReflectsDuration = (end?: V1Annotation) =>
    end !== undefined && sourceTs !== undefined && sourceDuration !== undefined && sourceTs + sourceDuration === micros(end.timestamp);
  if (!cs && cr && endReflectsDuration(cr)) cs = { timestamp: sourceTs, value: 'cs', endpoint: cr.endpoint };
  if (!sr && ss && endReflectsDuration(ss)) sr = { timestamp: sourceTs, value: 'sr', endpoint: ss.endpoint };

  const timeBy = (begin: V1Annotation & { endpoint: Endpoint }, end?: V1Annotation) => timeSpan(forEndpoint(begin.endpoint), sourceTs, sourceDuration, begin, end);

  if (cs && sr) {
    // both sides in one v1 span: the client owns the span's timing, the server half is shared
    timeBy(cs, cr);
    const client = forEndpoint(cs.endpoint);
    let server: Builder;
    if (sameService(cs.endpoint, sr.endpoint)) {
      client.span.kind = 'CLIENT';
      server = newBuilder(sr.endpoint); // loopback: still two spans
      others.push(server);
      server.span.kind = 'SERVER';
    } else {
      server = forEndpoint(sr.endpoint);
    }
    server.span.shared = true;
    server.span.timestamp = sr.timestamp;
    const [t0, t1] = [micros(sr.timestamp), micros(ss?.timestamp)];
    if (t0 !== undefined && t1 !== undefined) server.span.duration = t1 - t0;
    if (!cr && sourceDuration === undefined) delete client.span.duration; // one-way: no duration
  } else if (cs && cr) {
    timeBy(cs, cr);
  } else if (sr && ss) {
    timeBy(sr, ss);
  } else {
    // an incomplete RPC: its begin annotation is the start, its end one stays an annotation
    for (const b of [first, ...others]) {
      if (b.span.kind === 'CLIENT') {
        if (cs) b.span.timestamp = cs.timestamp;
        if (cr) b.span.annotations.push({ timestamp: cr.timestamp, value: 'cr' });
      } else if (b.span.kind === 'SERVER') {
        if (sr) b.span.timestamp = sr.timestamp;
        if (ss) b.span.annotations.push({ timestamp: ss.timestamp, value: 'ss' });
      }
    }
  }
  // v1 had no shared flag: a server side without the span's timestamp (the caller owns it) is shared
  if (!cs && sr && (sourceTs === undefined || (ss && sourceDuration === undefined))) forEndpoint(sr.endpoint).span.shared = true;

  if (ms && mr) {
    const producer = forEndpoint(ms.endpoint);
    let consumer: Builder;
    if (sameService(ms.endpoint, mr.endpoint)) {
      producer.span.kind = 'PRODUCER';
      consumer = newBuilder(mr.endpoint);
      others.push(consumer);
      consumer.span.kind = 'CONSUMER';
    } else {
      consumer = forEndpoint(mr.endpoint);
    }
    consumer.span.shared = true;
    const [tMr, tWr] = [micros(mr.timestamp), micros(wr?.timestamp)];
    if (wr && tMr !== undefined && tWr !== undefined) {
      consumer.span.timestamp = wr.timestamp;
      consumer.span.duration = tMr - tWr;
    } else {
      consumer.span.timestamp = mr.timestamp;
    }
    producer.span.timestamp = ms.timestamp;
    const [tMs, tWs] = [micros(ms.timestamp), micros(ws?.timestamp)];
    if (tMs !== undefined && tWs !== undefined) producer.span.duration = tWs - tMs;
  } else if (ms) {
    timeBy(ms, ws);
  } else if (mr) {
    if (wr) timeBy({ ...wr, endpoint: mr.endpoint }, mr);
    else timeBy(mr);
  } else {
    if (ws) forEndpoint(ws.endpoint).span.annotations.push({ timestamp: ws.timestamp, value: 'ws' });
    if (wr) forEndpoint(wr.endpoint).span.annotations.push({ timestamp: wr.timestamp, value: 'wr' });
  }

  // binary annotations: tags of their endpoint's span; the address ones give remote endpoints
  let ca: Endpoint | undefined;
  let sa: Endpoint | undefined;
  let ma: Endpoint | undefined;
  for (const b of binary) {
    const key = b.key;
    if (typeof key !== 'string') continue;
    const e = endpointOf(b.endpoint);
    if (key === 'ca' || key === 'sa' || key === 'ma') {
      if (key === 'ca') ca = e;
      else if (key === 'sa') sa = e;
      else ma = e;
      continue;
    }
    const target = forEndpoint(e);
    if (key === 'lc' && (b.value === '' || b.value == null)) continue; // a marker, not a tag
    target.span.tags[key] = tagText(b.value);
  }
  if (!cs && !sr && ca && sa) {
    forEndpoint(ca).span.remoteEndpoint = sa;
  } else {
    if (sa) {
      if (cs) forEndpoint(cs.endpoint).span.remoteEndpoint = sa;
      else if (cr) forEndpoint(cr.endpoint).span.remoteEndpoint = sa;
      else if (!sr && !ss) Object.assign(forEndpoint(undefined).span, { kind: 'CLIENT', remoteEndpoint: sa });
    }
    if (ca) {
      if (sr) forEndpoint(sr.endpoint).span.remoteEndpoint = ca;
      else if (ss) forEndpoint(ss.endpoint).span.remoteEndpoint = ca;
      else if (!cs && !cr) Object.assign(forEndpoint(undefined).span, { kind: 'SERVER', remoteEndpoint: ca });
    }
    if (ma) {
      if (ms) forEndpoint(ms.endpoint).span.remoteEndpoint = ma;
      if (mr) forEndpoint(mr.endpoint).span.remoteEndpoint = ma;
    }
  }

  const out: ZipkinSpan[] = [];
  for (const b of [first, ...others]) {
    const span: ZipkinSpan = { ...b.span, localEndpoint: b.local };
    if (span.timestamp == null) {
      // Zipkin keeps a span without timestamp; we need a start: its earliest annotation
      const times = b.span.annotations.map((a) => micros(a.timestamp)).filter((t): t is number => t !== undefined);
      if (times.length > 0) span.timestamp = Math.min(...times);
    }
    out.push(span);
  }
  return out;
};

/**
 * A request's v1 spans → v2 spans. A v1 span that names no endpoint at all (zipkin-js's JSON v1
 * encoder writes a local span without annotations so) takes the local endpoint of the request's
 * other spans when they all name one service, as a reporter sends its own service's spans;
 * Zipkin would show it without a service.
 */
export const zipkinV1ListToV2 = (spans: readonly ZipkinV1Span[]): ZipkinSpan[] => {
  const out: ZipkinSpan[] = [];
  for (const span of spans) out.push(...zipkinV1ToV2(span));
  const locals = new Map<string, Endpoint>();
  for (const s of out) {
    const e = endpointOf(s?.localEndpoint);
    if (e) locals.set(serviceKey(e), e);
  }
  if (locals.size === 1) {
    const [only] = locals.values();
    for (const s of out) if (s && typeof s === 'object' && !endpointOf(s.localEndpoint)) s.localEndpoint = { serviceName: only.serviceName };
  }
  return out;
};
