import { SpanKind } from './span-record';

// The one rule for a span stored more than once (an exporter retried a batch that had been
// committed, or two reporters used one span id): a span is its (trace id, span id), and of its
// copies the one with the earliest start counts; copies that start together are ordered by
// duration, service and operation, so every reader picks the same one whatever order the rows
// come back in. Trace reads (get-traces.ts), the trace summaries and their backfill all use it.
//
// One exception, Zipkin's shared span (and Jaeger's, whose span-id deduper does the same): a
// SERVER span whose id is also the id of a CLIENT span in the same trace is the other half of
// that client's RPC, not a copy. It is told apart at read time, whenever both halves are stored
// (they may arrive in separate requests, in either order; stored rows are never rewritten): the
// server half gets an id derived from the shared one and the client half as its parent, and the
// spans of the server's service that name the shared id as parent move under the server half.
// A server span that shares its id with no client span (py_zipkin marks every B3-continued local
// root `shared`; a gateway that reports nothing) keeps its id and parent.

/** The SQL order of a span row's copies, best first (columns of `spans`). */
export const COPY_ORDER_SQL = 'start_ns, duration_ns, service_id, operation_id';

export type SpanCopy = { startNs: bigint; endNs: bigint; serviceId: number; operationId: number };

/** Whether copy `a` of a span wins over copy `b`, as COPY_ORDER_SQL orders them. */
export const isPreferredCopy = (a: SpanCopy, b: SpanCopy): boolean => {
  if (a.startNs !== b.startNs) return a.startNs < b.startNs;
  const da = a.endNs - a.startNs;
  const db = b.endNs - b.startNs;
  if (da !== db) return da < db;
  if (a.serviceId !== b.serviceId) return a.serviceId < b.serviceId;
  return a.operationId < b.operationId;
};

/**
 * The id the server half of a shared span is shown under: 16 hex, derived from the trace id and
 * the shared id (64-bit FNV-1a, twice with different offsets), so every reader derives the same.
 */
export const sharedServerSpanId = (traceId: string, sharedId: string): string => {
  const text = `zipkin-shared-server:${traceId}:${sharedId}`;
  const half = (offset: number): string => {
    let h = offset >>> 0;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return h.toString(16).padStart(8, '0');
  };
  const id = half(0x811c9dc5) + half(0x050c5d1f);
  return /^0+$/.test(id) ? '0000000000000001' : id;
};

/** What the rule needs of one stored copy; `service` tells which service the copy belongs to. */
export type SpanCopyView = { spanId: string; parentSpanId: string; kind: number; service: string | number };

/**
 * The spans of ONE trace, each span once: of the copies of a span id, the preferred one, or when
 * they include a CLIENT and a SERVER copy, the preferred of each (the shared pair; see above).
 * `better(a, b)` says whether copy a wins over copy b; `rename` gives a span's new id and parent
 * (it must return a copy, not mutate). Input order is kept among the spans kept.
 */
export const oneSpanOfEachId = <T>(
  spans: readonly T[],
  view: (s: T) => SpanCopyView,
  better: (a: T, b: T) => boolean,
  rename: (s: T, spanId: string, parentSpanId: string) => T,
  traceId: string,
): T[] => {
  // the common case first: no id stored twice, so nothing to choose or rename (a 100,000-span
  // trace spent ~90 ms per read in the bookkeeping below for nothing)
  const ids = new Set<string>();
  for (const s of spans) ids.add(view(s).spanId);
  if (ids.size === spans.length) return [...spans];
  const best = new Map<string, { any: T; client?: T; server?: T }>();
  for (const s of spans) {
    const v = view(s);
    const kept = best.get(v.spanId);
    if (!kept) {
      best.set(v.spanId, { any: s, client: v.kind === SpanKind.CLIENT ? s : undefined, server: v.kind === SpanKind.SERVER ? s : undefined });
      continue;
    }
    if (better(s, kept.any)) kept.any = s;
    if (v.kind === SpanKind.CLIENT && (!kept.client || better(s, kept.client))) kept.client = s;
    if (v.kind === SpanKind.SERVER && (!kept.server || better(s, kept.server))) kept.server = s;
  }
  const shared = new Map<string, { server: T; service: string | number; newId: string }>(); // by shared id
  const keep = new Set<T>();
  for (const [id, k] of best) {
    if (k.client && k.server) {
      keep.add(k.client);
      keep.add(k.server);
      shared.set(id, { server: k.server, service: view(k.server).service, newId: sharedServerSpanId(traceId, id) });
    } else {
      keep.add(k.any);
    }
  }
  if (shared.size === 0 && keep.size === spans.length) return [...spans];
  const out: T[] = [];
  for (const s of spans) {
    if (!keep.has(s)) continue;
    const v = view(s);
    const pair = shared.get(v.spanId);
    if (pair && pair.server === s) {
      out.push(rename(s, pair.newId, v.spanId));
      continue;
    }
    const under = shared.get(v.parentSpanId);
    if (under && v.service === under.service) out.push(rename(s, v.spanId, under.newId));
    else out.push(s);
  }
  return out;
};
