import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import protobuf from 'protobufjs';
import { otlpRoot } from './lib/ingest/otlp/otlp-proto';
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
const pb = Buffer.from(ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans())!);
const measure = (name: string, f: () => unknown, n: number) => {
  for (let i = 0; i < 30; i++) f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  const ms = (performance.now() - t) / n;
  console.log(`${name}: ${ms.toFixed(2)} ms/request`);
};
const variant = (anyValue: string) => {
  const text = `syntax = "proto3"; package v; option features.utf8_validation = NONE;
  ${anyValue}
  message ArrayValue { repeated AnyValue values = 1; }
  message KeyValueList { repeated KeyValue values = 1; }
  message KeyValue { string key = 1; AnyValue value = 2; }`;
  return text;
};
const base = otlpRoot.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
// build alternative roots by swapping the AnyValue definition in the original text
import { readFileSync } from 'node:fs';
const src = readFileSync('./lib/ingest/otlp/otlp-proto.ts', 'utf8');
const mk = (replacement: string) => {
  const common = src.match(/const COMMON_PROTO = `([\s\S]*?)`;/)![1].replace('${LENIENT_UTF8}', 'option features.utf8_validation = NONE;');
  const rest = ['RESOURCE_PROTO', 'TRACE_PROTO', 'TRACE_SERVICE_PROTO'].map((n) => src.match(new RegExp(`const ${n} = \`([\\s\\S]*?)\`;`))![1].replace('${LENIENT_UTF8}', 'option features.utf8_validation = NONE;'));
  const r = new protobuf.Root();
  protobuf.parse(common.replace(/message AnyValue \{[\s\S]*?\n\}\n/, replacement), r, { keepCase: false });
  for (const t of rest) protobuf.parse(t, r, { keepCase: false });
  r.resolveAll();
  return r.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
};
const optional = mk(`message AnyValue { optional string string_value = 1; optional bool bool_value = 2; optional int64 int_value = 3; optional double double_value = 4; optional ArrayValue array_value = 5; optional KeyValueList kvlist_value = 6; optional bytes bytes_value = 7; }\n`);
for (let k = 0; k < 2; k++) {
  measure('oneof (upstream)', () => base.decode(pb), 100);
  measure('optional members', () => optional.decode(pb), 100);
}
