import type { JaegerSpan, JaegerTag, JaegerTrace } from '@/lib/api/jaeger/wire-types';

// Reads a trace back through the query API as a user's tools would (jaeger-ui/Grafana via
// /api/traces/{id}; OTLP JSON via /api/v3/traces/{id}), waiting for spans that arrive
// asynchronously (UDP has no acknowledgement).

export type ReadTraceOptions = { spans: number; timeoutMs?: number };

/** The Jaeger-model trace once it has at least `spans` spans; throws after the timeout. */
export const readJaegerTrace = async (baseUrl: string, traceId: string, { spans, timeoutMs = 15_000 }: ReadTraceOptions): Promise<JaegerTrace> => {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const res = await fetch(`${baseUrl}/api/traces/${traceId}`);
    last = `${res.status} ${await res.clone().text()}`;
    if (res.status === 200) {
      const { data } = (await res.json()) as { data: JaegerTrace[] };
      if (data[0] && data[0].spans.length >= spans) return data[0];
    }
    if (Date.now() > deadline) throw new Error(`trace ${traceId} did not reach ${spans} span(s) in ${timeoutMs} ms; last answer: ${last.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
};

/** The OTLP JSON of a trace (api_v3). */
export const readOtlpTrace = async (baseUrl: string, traceId: string) => {
  const res = await fetch(`${baseUrl}/api/v3/traces/${traceId}`);
  if (res.status !== 200) throw new Error(`api_v3 answered ${res.status}`);
  return (await res.json()).result as { resourceSpans: { resource: { attributes: unknown[] }; scopeSpans: { spans: OtlpJsonSpan[] }[] }[] };
};

export type OtlpJsonSpan = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: Record<string, unknown> }[];
  events?: { name: string; attributes?: unknown[] }[];
  links?: { traceId: string; spanId: string; attributes?: unknown[] }[];
  status?: { code?: number; message?: string };
};

/** All spans of an api_v3 answer, flat. */
export const otlpSpans = (result: Awaited<ReturnType<typeof readOtlpTrace>>): OtlpJsonSpan[] =>
  result.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));

/** Tags as { key: [type, value] } for compact assertions. */
export const tagMap = (tags: JaegerTag[]) => Object.fromEntries(tags.map((t) => [t.key, [t.type, t.value]]));

/** The span with this operation name; throws when there is none. */
export const spanNamed = (trace: JaegerTrace, name: string): JaegerSpan => {
  const span = trace.spans.find((s) => s.operationName === name);
  if (!span) throw new Error(`no span "${name}" among ${trace.spans.map((s) => s.operationName).join(', ')}`);
  return span;
};

/** Waits `ms` and then checks a trace does NOT exist (for "nothing stored" assertions). */
export const expectNoTrace = async (baseUrl: string, traceId: string, ms = 1000): Promise<number> => {
  await new Promise((r) => setTimeout(r, ms));
  return (await fetch(`${baseUrl}/api/traces/${traceId}`)).status;
};
