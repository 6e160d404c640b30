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
export type SpanSink = { write(records: SpanRecord[]): Promise<void> };

/** `memory`: the process's ingest memory budget (lib/ingest/memory-budget.ts); absent in unit tests. */
export type IngestDeps = { sink: SpanSink; retentionDays: number; memory?: MemoryBudget };

/** What an HTTP ingest handler needs besides the sink: the tokens it accepts, its body limit. */
export type IngestHttpDeps = IngestDeps & { tokens: readonly string[]; maxBodyBytes: number };
