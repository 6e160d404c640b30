// The slice of jaeger-client 3.19 (no bundled typings) the tests use; it implements the OpenTracing API.
declare module 'jaeger-client' {
  type Tags = Record<string, unknown>;
  export type JaegerSpanContext = { toTraceId(): string; toSpanId(): string; isSampled(): boolean };
  export type JaegerClientSpan = {
    context(): JaegerSpanContext;
    setTag(key: string, value: unknown): JaegerClientSpan;
    log(fields: Tags, timestamp?: number): JaegerClientSpan;
    finish(finishTime?: number): void;
  };
  export type JaegerTracer = {
    startSpan(name: string, options?: { childOf?: JaegerClientSpan | JaegerSpanContext; references?: unknown[]; tags?: Tags; startTime?: number }): JaegerClientSpan;
    close(callback?: () => void): void;
  };
  export type TracingConfig = {
    serviceName: string;
    sampler?: { type: string; param: number; host?: string; port?: number; hostPort?: string; refreshIntervalMs?: number };
    reporter?: { agentHost?: string; agentPort?: number; collectorEndpoint?: string; username?: string; password?: string; flushIntervalMs?: number; logSpans?: boolean };
  };
  export type TracingOptions = { tags?: Tags; traceId128bit?: boolean; logger?: { info(msg: string): void; error(msg: string): void } };
  export function initTracer(config: TracingConfig, options?: TracingOptions): JaegerTracer;
}
