import { expect, type APIRequestContext } from '@playwright/test';
import { randomBytes } from 'node:crypto';

// Builds traces from a compact tree description and sends them as OTLP/JSON through the real
// ingest endpoint (POST /v1/traces), as an exporter would.

export type SpanSpec = {
  service: string;
  name: string;
  /** OTLP SpanKind number: 1 internal, 2 server, 3 client, 4 producer, 5 consumer */
  kind?: number;
  /** start, relative to the parent's start */
  offsetMs?: number;
  durationMs: number;
  error?: boolean;
  attributes?: Record<string, string | number | boolean>;
  children?: SpanSpec[];
};

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

const anyValue = (v: string | number | boolean) =>
  typeof v === 'string' ? { stringValue: v } : typeof v === 'boolean' ? { boolValue: v } : Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };

type FlatSpan = { service: string; span: Record<string, unknown> };

const flatten = (spec: SpanSpec, traceId: string, parentSpanId: string, startNs: bigint, out: FlatSpan[]) => {
  const spanId = hex(8);
  const start = startNs + BigInt(Math.round((spec.offsetMs ?? 0) * 1e6));
  out.push({
    service: spec.service,
    span: {
      traceId,
      spanId,
      ...(parentSpanId && { parentSpanId }),
      name: spec.name,
      kind: spec.kind ?? 1,
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(start + BigInt(Math.round(spec.durationMs * 1e6))),
      attributes: Object.entries(spec.attributes ?? {}).map(([key, value]) => ({ key, value: anyValue(value) })),
      status: spec.error ? { code: 2, message: 'failed' } : {},
    },
  });
  for (const child of spec.children ?? []) flatten(child, traceId, spanId, start, out);
};

/** The OTLP/JSON request body for traces given as span trees, each starting at its `startMs`. */
export const toOtlpJson = (traces: { root: SpanSpec; startMs: number; traceId: string }[]) => {
  const spans: FlatSpan[] = [];
  for (const t of traces) flatten(t.root, t.traceId, '', BigInt(Math.round(t.startMs * 1000)) * 1000n, spans);
  const services = [...new Set(spans.map((s) => s.service))];
  return {
    resourceSpans: services.map((service) => ({
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }, { key: 'deployment.environment', value: { stringValue: 'e2e' } }] },
      scopeSpans: [{ scope: { name: 'e2e' }, spans: spans.filter((s) => s.service === service).map((s) => s.span) }],
    })),
  };
};

/** Sends traces through POST /v1/traces and returns their trace ids (32 lower-case hex), in order. */
export const sendTraces = async (request: APIRequestContext, traces: { root: SpanSpec; startMs?: number }[]): Promise<string[]> => {
  const now = Date.now();
  const withIds = traces.map((t, i) => ({ root: t.root, startMs: t.startMs ?? now - 60_000 + i * 1000, traceId: hex(16) }));
  const res = await request.post('/v1/traces', { headers: { 'content-type': 'application/json' }, data: toOtlpJson(withIds) });
  expect(res.status(), await res.text()).toBe(200);
  return withIds.map((t) => t.traceId);
};

/** A service name no other test (or earlier run) uses. */
export const uniqueService = (name: string) => `${name}-${Date.now().toString(36)}${hex(2)}`;
