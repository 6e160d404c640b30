import type { SpanRecord } from '@/lib/model/span-record';
import type { MemoryBudget } from './memory-budget';

// What ingest is handed by whoever starts it (the route handlers and the launcher's listeners):
// where spans go, and the settings it enforces. Ingest never looks them up itself, so it does
// not depend on the launcher.

/**
 * Where accepted spans go. `write` resolves once the records are committed, and rejects with an
 * error whose `code` says why not: 'overloaded' (full, retry soon) or 'closed' (shutting down);
 * any other rejection is a failure. The launcher's SpanWriter is one.
 */
/**
 * Where ingest stores spans: `write` resolves once they are committed. It takes the array: it may
 * empty it once it has what it needs from the records (the span writer keeps their COPY text), so
 * the records' strings are not held twice while the request waits for its commit.
 */
export type SpanSink = { write(records: SpanRecord[]): Promise<void> };

/**
 * What ingest reports for the launcher's /metrics, where it happens; the launcher implements it
 * (lib/server/metrics.ts), so ingest does not depend on the launcher or on prom-client.
 * `protocol` is the listener's protocol (OTLP/HTTP, OTLP/gRPC, Jaeger HTTP, Jaeger UDP, Zipkin);
 * `reason` a code of lib/ingest/ingest-errors.ts, or 'rejected' for spans the decoder or the
 * retention window refused one by one.
 */
export type IngestMetrics = {
  bytesReceived(protocol: string, bytes: number): void;
  spansReceived(protocol: string, spans: number): void;
  spansStored(protocol: string, spans: number): void;
  spansRefused(protocol: string, reason: string, spans: number): void;
  requestRefused(protocol: string, reason: string): void;
};

/**
 * `memory`: the process's ingest memory budget (lib/ingest/memory-budget.ts); absent in unit tests.
 * `metrics`: where the counters go; absent in unit tests.
 */
export type IngestDeps = { sink: SpanSink; retentionDays: number; memory?: MemoryBudget; metrics?: IngestMetrics };

/** What an HTTP ingest handler needs besides the sink: the tokens it accepts, its body limit. */
export type IngestHttpDeps = IngestDeps & { tokens: readonly string[]; maxBodyBytes: number };
