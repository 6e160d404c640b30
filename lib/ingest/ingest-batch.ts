import type { DecodedBatch, RejectedSpan } from '@/lib/model/span-record';
import { runtime } from '@/lib/server/runtime';
import { nowNs } from '@/lib/model/units';
import { applyIngestWindow } from './ingest-window';

// The one path by which a decoded batch is stored, whatever listener it came in on (OTLP/HTTP,
// OTLP/gRPC, Jaeger HTTP and UDP, Zipkin): the retention window, then the writer, which resolves
// only once the spans are committed. Each listener then answers in its own protocol.

/** Why a batch could not be stored: `overloaded` (queue full, retry soon), `closed` (shutting down), `failed`. */
export class IngestWriteError extends Error {
  constructor(
    readonly code: 'overloaded' | 'closed' | 'failed',
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export type IngestOutcome = { accepted: number; rejected: RejectedSpan[] };

/** Stores what can be stored; throws IngestWriteError when nothing could be (the client should retry). */
export const ingestBatch = async (batch: DecodedBatch): Promise<IngestOutcome> => {
  const { env, writer } = runtime();
  const kept = applyIngestWindow(batch, { nowNs: nowNs(), retentionDays: env.RETENTION_DAYS });
  try {
    await writer.write(kept.records);
  } catch (err) {
    // checked by `code`, not instanceof: the launcher's module graph and Next's bundle share one writer
    const code = (err as { code?: string }).code;
    if (code === 'overloaded') throw new IngestWriteError('overloaded', (err as Error).message, 1);
    if (code === 'closed') throw new IngestWriteError('closed', (err as Error).message, 5);
    console.error('[ingest] write failed:', err);
    throw new IngestWriteError('failed', `spans could not be stored: ${(err as Error).message}`, 5);
  }
  return { accepted: kept.records.length, rejected: kept.rejected };
};

const MAX_REASONS = 5;

/** Joins rejection reasons into one message, e.g. OTLP's partial_success.error_message. */
export const summarizeRejections = (rejected: readonly RejectedSpan[]): string => {
  const shown = rejected.slice(0, MAX_REASONS).map((r) => r.reason);
  const more = rejected.length - shown.length;
  return `${rejected.length} span(s) rejected: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
};
