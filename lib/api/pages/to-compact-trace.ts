import type { CompactEvent, CompactLink, CompactSpan, CompactTrace } from './compact-trace';
import { resourceKeyOf, scopeKeyOf, type ResourceKey, type ScopeKey } from '@/lib/model/dimension-key';
import type { SpanRecord } from '@/lib/model/span-record';

// SpanRecord[] → the UI's compact trace (./compact-trace.ts): each resource and scope once, the
// spans pointing at them by index.

const usFrom = (ns: bigint, originNs: bigint) => Number(ns - originNs) / 1000;

/** Encodes one trace's spans for the trace page; `spans` must be non-empty and of one trace. */
export const toCompactTrace = (spans: readonly SpanRecord[]): CompactTrace => {
  let originNs = spans[0].startNs;
  for (const s of spans) if (s.startNs < originNs) originNs = s.startNs;

  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const str = (s: string) => {
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.push(s) - 1;
      stringIndex.set(s, i);
    }
    return i;
  };

  const resources: CompactTrace['resources'] = [];
  const resourceIndex = new Map<ResourceKey, number>();
  const resource = (span: SpanRecord) => {
    const key = resourceKeyOf(span);
    let i = resourceIndex.get(key);
    if (i === undefined) {
      const r = span.resource;
      i = resources.push({ s: str(r.serviceName), a: r.attributes, ...(r.schemaUrl ? { u: r.schemaUrl } : {}) }) - 1;
      resourceIndex.set(key, i);
    }
    return i;
  };

  const scopes: CompactTrace['scopes'] = [];
  const scopeIndex = new Map<ScopeKey, number>();
  const scope = (span: SpanRecord) => {
    const key = scopeKeyOf(span);
    let i = scopeIndex.get(key);
    if (i === undefined) {
      const s = span.scope;
      const hasAttrs = Object.keys(s.attributes).length > 0;
      i = scopes.push({ n: str(s.name), v: str(s.version), ...(hasAttrs ? { a: s.attributes } : {}) }) - 1;
      scopeIndex.set(key, i);
    }
    return i;
  };

  const compact = spans.map((s): CompactSpan => {
    const out: CompactSpan = {
      i: s.spanId,
      n: str(s.name),
      k: s.kind,
      r: resource(s),
      c: scope(s),
      s: usFrom(s.startNs, originNs),
      d: Number(s.endNs - s.startNs) / 1000,
      a: s.attributes,
    };
    if (s.parentSpanId) out.p = s.parentSpanId;
    if (s.statusCode) out.st = s.statusCode;
    if (s.statusMessage) out.sm = s.statusMessage;
    if (s.traceState) out.ts = s.traceState;
    if (s.events.length > 0) {
      out.e = s.events.map((e): CompactEvent => ({ t: usFrom(BigInt(e.t), originNs), n: e.n, ...(e.a ? { a: e.a } : {}) }));
    }
    if (s.links.length > 0) {
      out.l = s.links.map((l): CompactLink => ({ t: l.t, s: l.s, ...(l.a ? { a: l.a } : {}), ...(l.ts ? { ts: l.ts } : {}) }));
    }
    return out;
  });

  return {
    traceId: spans[0].traceId,
    startUs: Number(originNs / 1000n),
    startNs: originNs.toString(),
    strings,
    resources,
    scopes,
    spans: compact,
  };
};
