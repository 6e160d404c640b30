import type { Endpoint, ZipkinSpan } from './wire-types';

// Zipkin's v1 JSON model → v2 spans, after zipkin2.v1.V1SpanConverter: the core annotations
// (cs/cr client, sr/ss server, ms/mr producer/consumer) give kind, timing and the local endpoint;
// a v1 span holding both client and server sides becomes two v2 spans, the server one `shared`;
// binary annotations become tags, except the address ones (ca/sa/ma), which give the remote endpoint.
// Values the v1 model leaves loose are passed on as found and checked by to-span-records.ts.

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

const CORE = new Set(['cs', 'cr', 'sr', 'ss', 'ms', 'mr', 'ws', 'wr']);

const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v.filter((x) => typeof x === 'object' && x !== null) as T[]) : []);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** One v1 span → one v2 span, or two (client + shared server) when it holds both sides of an RPC. */
export const zipkinV1ToV2 = (span: ZipkinV1Span): ZipkinSpan[] => {
  if (typeof span !== 'object' || span === null || Array.isArray(span)) return [span as ZipkinSpan]; // rejected later, with a reason
  const annotations = list<V1Annotation>(span.annotations);
  const binary = list<V1BinaryAnnotation>(span.binaryAnnotations);
  const core = new Map(annotations.filter((a) => CORE.has(String(a.value))).map((a) => [String(a.value), a]));
  const base = { traceId: span.traceId, id: span.id, parentId: span.parentId, name: span.name, debug: span.debug };

  const address = (key: string) => binary.find((b) => b.key === key && b.endpoint)?.endpoint;
  const tagsFor = (endpoint?: Endpoint): Record<string, string> => {
    const tags: Record<string, string> = {};
    for (const b of binary) {
      if (typeof b.key !== 'string' || ['ca', 'sa', 'ma'].includes(b.key)) continue;
      if (endpoint && b.endpoint && b.endpoint.serviceName !== endpoint.serviceName) continue;
      tags[b.key] = typeof b.value === 'string' ? b.value : JSON.stringify(b.value);
    }
    return tags;
  };
  const otherAnnotations = (endpoint?: Endpoint) =>
    annotations
      .filter((a) => !CORE.has(String(a.value)) && (!endpoint || !a.endpoint || a.endpoint.serviceName === endpoint.serviceName))
      .map((a) => ({ timestamp: a.timestamp, value: a.value }));
  const side = (kind: string, begin?: V1Annotation, end?: V1Annotation, remote?: Endpoint, extra: Partial<ZipkinSpan> = {}): ZipkinSpan => {
    const start = num(begin?.timestamp);
    const finish = num(end?.timestamp);
    const local = begin?.endpoint ?? end?.endpoint;
    return {
      ...base,
      kind,
      timestamp: start ?? span.timestamp,
      duration: start !== undefined && finish !== undefined ? finish - start : start === undefined ? span.duration : undefined,
      localEndpoint: local,
      remoteEndpoint: remote,
      annotations: otherAnnotations(local),
      tags: tagsFor(local),
      ...extra,
    };
  };

  const cs = core.get('cs');
  const sr = core.get('sr');
  if (cs && sr) {
    // both sides in one v1 span: the client owns the span's timing, the server is the shared half
    const client = side('CLIENT', cs, core.get('cr'), sr.endpoint);
    if (span.timestamp != null) client.timestamp = span.timestamp;
    if (span.duration != null) client.duration = span.duration;
    return [client, side('SERVER', sr, core.get('ss'), cs.endpoint, { shared: true })];
  }
  if (cs || core.has('cr')) return [side('CLIENT', cs ?? core.get('cr'), core.get('cr'), address('sa'))];
  if (sr || core.has('ss')) return [side('SERVER', sr ?? core.get('ss'), core.get('ss'), address('ca'))];
  if (core.has('ms')) return [side('PRODUCER', core.get('ms'), core.get('ws'), address('ma'))];
  if (core.has('mr')) return [side('CONSUMER', core.get('mr'), core.get('wr'), address('ma'))];

  // a local span: the local component (lc) or any annotation names the endpoint
  const local = binary.find((b) => b.key === 'lc')?.endpoint ?? annotations.find((a) => a.endpoint)?.endpoint;
  return [
    {
      ...base,
      timestamp: span.timestamp,
      duration: span.duration,
      localEndpoint: local,
      annotations: otherAnnotations(),
      tags: tagsFor(),
    },
  ];
};
