import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { JSON_CODEC } from './lib/ingest/otlp/decode-otlp-json';
import { toSpanRecords } from './lib/ingest/otlp/to-span-records';
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
const js = new TextDecoder().decode(JsonTraceSerializer.serializeRequest(exporter.getFinishedSpans())!);
const parsed = JSON.parse(js);
const measure = (name: string, f: () => unknown, n: number) => {
  for (let i = 0; i < 20; i++) f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  const ms = (performance.now() - t) / n;
  console.log(`${name}: ${ms.toFixed(2)} ms/request`);
};
const RE = /"[A-Za-z0-9]*_[A-Za-z0-9_]*"\s*:/;
for (let k = 0; k < 2; k++) {
  measure('snake regex', () => RE.test(js), 100);
  measure('JSON.parse', () => JSON.parse(js), 100);
  measure('convert', () => toSpanRecords(parsed, JSON_CODEC), 100);
}
