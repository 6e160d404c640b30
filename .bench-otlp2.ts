import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';
import { otlpTypes } from './lib/ingest/otlp/otlp-proto';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': 'bench' }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('bench', '1.0.0');
const root = tracer.startSpan('root');
const ctx = trace.setSpan(ROOT_CONTEXT, root);
for (let i = 0; i < 999; i++) {
  const span = tracer.startSpan(`GET /api/items/${i % 20}`, { kind: SpanKind.SERVER, attributes: {
    'http.request.method': 'GET', 'http.response.status_code': 200, 'url.path': `/api/items/${i}`, 'url.scheme': 'https',
    'server.address': 'api.example.com', 'server.port': 443, 'user_agent.original': 'Mozilla/5.0 (X11; Linux x86_64)',
    'network.protocol.version': '1.1', 'app.latency_ratio': 0.25 + i / 1000, 'app.cache_hit': i % 2 === 0 } }, ctx);
  if (i % 10 === 0) span.addEvent('cache.miss', { key: `item:${i}` });
  span.end();
}
root.end();
const pb = ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans())!;
const measure = (name: string, f: () => unknown) => {
  for (let i = 0; i < 30; i++) f();
  const t = performance.now(); const n = 100;
  for (let i = 0; i < n; i++) f();
  const ms = (performance.now() - t) / n;
  console.log(`${name}: ${ms.toFixed(2)} ms/request`);
};
const T = otlpTypes.ExportTraceServiceRequest;
const u8 = new Uint8Array(pb);
const buf = Buffer.from(pb);
measure('decode Buffer', () => T.decode(buf));
measure('decode Uint8Array', () => T.decode(u8));
measure('decode Buffer', () => T.decode(buf));
measure('decode Uint8Array', () => T.decode(u8));
// skip-only pass to measure raw reader cost
const r = () => { const rd = protobuf.Reader.create(u8); let n = 0; while (rd.pos < rd.len) { const t = rd.uint32(); rd.skipType(t & 7); n++; } return n; };
measure('skip top-level', r);
console.log(T.decode.toString().slice(0, 3000));
console.log(otlpRoot().lookupType('opentelemetry.proto.trace.v1.Span').decode.toString());
function otlpRoot() { return (otlpTypes.ExportTraceServiceRequest.root as protobuf.Root); }
