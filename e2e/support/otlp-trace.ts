import { randomBytes } from 'node:crypto';

// Builds OTLP/JSON export requests for e2e tests: the same wire format an OpenTelemetry SDK's
// JSON exporter sends to POST /v1/traces.

type AnyValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
export type Attrs = Record<string, string | number | boolean | { double: number }>;

export type SpanSpec = {
  spanId: string;
  parentSpanId?: string;
  service: string;
  name: string;
  /** ms from the trace start */
  startMs: number;
  durationMs: number;
  kind?: number;
  error?: string;
  attributes?: Attrs;
  events?: { name: string; atMs: number; attributes?: Attrs }[];
  links?: { traceId: string; spanId: string }[];
};

export const randomTraceId = () => randomBytes(16).toString('hex');
export const randomSpanId = () => randomBytes(8).toString('hex');

const value = (v: Attrs[string]): AnyValue =>
  typeof v === 'string' ? { stringValue: v } : typeof v === 'boolean' ? { boolValue: v } : typeof v === 'number' ? { intValue: String(v) } : { doubleValue: v.double };
const attrs = (a: Attrs = {}) => Object.entries(a).map(([key, v]) => ({ key, value: value(v) }));

/** One OTLP/JSON request holding `spans` of trace `traceId`, one ResourceSpans per service. */
export const toOtlpRequest = (traceId: string, spans: SpanSpec[], startMs = Date.now() - 60_000) => {
  const ns = (ms: number) => (BigInt(Math.round((startMs + ms) * 1000)) * 1000n).toString();
  const services = [...new Set(spans.map((s) => s.service))];
  return {
    resourceSpans: services.map((service) => ({
      resource: { attributes: attrs({ 'service.name': service, 'host.name': `${service}-host-1` }) },
      scopeSpans: [
        {
          scope: { name: '@spanscope/e2e', version: '1.0.0' },
          spans: spans
            .filter((s) => s.service === service)
            .map((s) => ({
              traceId,
              spanId: s.spanId,
              ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
              name: s.name,
              kind: s.kind ?? 1,
              startTimeUnixNano: ns(s.startMs),
              endTimeUnixNano: ns(s.startMs + s.durationMs),
              attributes: attrs(s.attributes),
              events: (s.events ?? []).map((e) => ({ name: e.name, timeUnixNano: ns(e.atMs), attributes: attrs(e.attributes) })),
              links: (s.links ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId })),
              status: s.error ? { code: 2, message: s.error } : {},
            })),
        },
      ],
    })),
  };
};

/**
 * A large trace: a 4-ary tree of `count` spans over 8 services, each child inside its parent's
 * time; span ids are `count`-unique and derived from the index.
 */
export const makeLargeTrace = (count: number): SpanSpec[] => {
  const spans: SpanSpec[] = [];
  for (let i = 0; i < count; i++) {
    const parent = i === 0 ? undefined : spans[Math.floor((i - 1) / 4)];
    const k = (i - 1) % 4;
    const startMs = parent ? parent.startMs + parent.durationMs * (0.02 + k * 0.24) : 0;
    const durationMs = parent ? parent.durationMs * 0.22 : 30_000;
    spans.push({
      spanId: (i + 1).toString(16).padStart(16, '0'),
      parentSpanId: parent?.spanId,
      service: `service-${i % 8}`,
      name: `operation-${i % 37}`,
      startMs,
      durationMs,
      attributes: { 'span.index': i, 'http.route': `/r/${i % 50}` },
      ...(i % 97 === 0 ? { error: 'simulated failure' } : {}),
    });
  }
  return spans;
};
