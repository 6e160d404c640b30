import { ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { decodeOtlpJson } from '@/lib/ingest/otlp/decode-otlp-json';
import { decodeOtlpProtobuf } from '@/lib/ingest/otlp/decode-otlp-protobuf';
import { readEmitBatch } from '@/lib/ingest/jaeger/read-jaeger-thrift';
import { encodeEmitBatch } from '@/lib/ingest/jaeger/testing/encode-jaeger-thrift';
import { TagType } from '@/lib/ingest/jaeger/wire-types';

// `npm run bench:decode`: spans/s of each ingest decoder on one core, printed, never asserted
// (the machine is shared). OTLP: a 1,000-span request as the OTel SDK serializes it, protobuf
// and JSON. Jaeger: a 1,000-span compact emitBatch, the fast reader against the Thrift library's.

/** spans/s over 15 rounds of 5 calls: the median, and the best round (least disturbed, so closest to one free core) */
const measure = (decode: () => number): string => {
  for (let i = 0; i < 20; i++) decode(); // warm up the JIT
  const rates: number[] = [];
  for (let round = 0; round < 15; round++) {
    const started = performance.now();
    let decoded = 0;
    for (let i = 0; i < 5; i++) decoded += decode();
    rates.push(decoded / ((performance.now() - started) / 1000));
  }
  rates.sort((a, b) => a - b);
  return `median ${Math.round(rates[7]).toLocaleString('en')}, best ${Math.round(rates[14]).toLocaleString('en')} spans/s`;
};

const sdkSpans = () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'bench', 'host.name': 'h' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('bench', '1.0.0');
  const root = tracer.startSpan('root');
  const context = trace.setSpan(ROOT_CONTEXT, root);
  for (let i = 0; i < 999; i++) {
    const attributes = {
      'http.request.method': 'GET', 'http.response.status_code': 200, 'url.path': `/api/items/${i}`, 'url.scheme': 'https',
      'server.address': 'api.example.com', 'server.port': 443, 'user_agent.original': 'Mozilla/5.0 (X11; Linux x86_64)',
      'network.protocol.version': '1.1', 'app.latency_ratio': 0.25 + i / 1000, 'app.cache_hit': i % 2 === 0,
    };
    const span = tracer.startSpan(`GET /api/items/${i % 20}`, { kind: SpanKind.SERVER, attributes }, context);
    if (i % 10 === 0) span.addEvent('cache.miss', { key: `item:${i}` });
    span.end();
  }
  root.end();
  return exporter.getFinishedSpans();
};

const spans = sdkSpans();
const protobufBody = ProtobufTraceSerializer.serializeRequest(spans)!;
const jsonBody = new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)!);
console.log(`OTLP protobuf, 1000 spans × 10 attributes (${protobufBody.length} bytes): ${measure(() => decodeOtlpProtobuf(protobufBody).records.length)}`);
console.log(`OTLP JSON, the same spans (${jsonBody.length} bytes): ${measure(() => decodeOtlpJson(jsonBody).records.length)}`);

const jaegerSpans = Array.from({ length: 1000 }, (_, i) => ({
  traceIdHigh: 0n, traceIdLow: BigInt(i + 1), spanId: BigInt(i + 1), parentSpanId: 0n, operationName: `op ${i % 20}`,
  references: [], flags: 1, startTime: 1_700_000_000_000_000n + BigInt(i), duration: 1000n, logs: [],
  tags: Array.from({ length: 13 }, (_, k) => ({ key: `tag.${k}`, vType: TagType.STRING, vStr: `value ${k}` })),
}));
const compact = encodeEmitBatch({ process: { serviceName: 'bench', tags: [] }, spans: jaegerSpans }, 'compact');
for (const reader of ['library', 'fast'] as const) {
  console.log(`Jaeger compact emitBatch, 1000 spans × 13 tags, ${reader} reader: ${measure(() => readEmitBatch(compact, 'compact', reader).spans.length)}`);
}
