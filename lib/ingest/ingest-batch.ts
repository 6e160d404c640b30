import type { DecodedBatch, RejectedSpan } from '@/lib/model/span-record';
import { nowNs } from '@/lib/model/units';
import type { IngestDeps } from './ingest-deps';
import { fromSinkError, IngestError } from './ingest-errors';
import { HELD_BYTES_PER_SPAN } from './memory-budget';
import { applyIngestWindow } from './ingest-window';

// The one path by which a decoded batch is stored, whatever listener it came in on (OTLP/HTTP,
// OTLP/gRPC, Jaeger HTTP and UDP, Zipkin): the retention window, then the sink, which resolves
// only once the spans are committed. Each listener then answers in its own protocol.

export type IngestOutcome = { accepted: number; rejected: RejectedSpan[] };

/**
 * Stores what can be stored; throws IngestError when nothing could be (the client should retry).
 * With `deps.memory`, the decoded spans are held against the ingest memory budget until they are
 * committed (`heldBytes`: what the request already holds there for its body); a batch the budget
 * cannot hold is refused as 'overloaded' (503 / RESOURCE_EXHAUSTED) before it is queued.
 */
export const ingestBatch = async (batch: DecodedBatch, { sink, retentionDays, memory, metrics }: IngestDeps, heldBytes = 0, protocol = 'unknown'): Promise<IngestOutcome> => {
  metrics?.spansReceived(protocol, batch.records.length + batch.rejected.length);
  const kept = applyIngestWindow(batch, { nowNs: nowNs(), retentionDays });
  if (kept.rejected.length > 0) metrics?.spansRefused(protocol, 'rejected', kept.rejected.length);
  const release = memory?.tryReserve(kept.records.length * HELD_BYTES_PER_SPAN, heldBytes);
  if (memory && !release) {
    metrics?.spansRefused(protocol, 'overloaded', kept.records.length);
    throw new IngestError('overloaded', 'ingest memory budget is full (INGEST_MEMORY_BYTES); retry later');
  }
  const accepted = kept.records.length;
  // the sink may empty the array it is given (SpanSink), and this request's caller still holds
  // `batch`: let go of the records there too, so only the sink decides how long they live
  if (kept !== batch) batch.records = [];
  try {
    await sink.write(kept.records);
  } catch (err) {
    const failure = fromSinkError(err);
    if (failure.code === 'failed') console.error('[ingest] write failed:', err);
    metrics?.spansRefused(protocol, failure.code, accepted);
    throw failure;
  } finally {
    release?.();
  }
  metrics?.spansStored(protocol, accepted);
  return { accepted, rejected: kept.rejected };
};

/**
 * Whether none of a request's spans could be stored: the decoder or the retention window refused
 * every one. Asked after the window, so both count; an empty request is not refused.
 */
export const storedNothing = ({ accepted, rejected }: IngestOutcome): boolean => accepted === 0 && rejected.length > 0;

const MAX_REASONS = 5;

/** Joins rejection reasons into one message, e.g. OTLP's partial_success.error_message. */
export const summarizeRejections = (rejected: readonly RejectedSpan[]): string => {
  const shown = rejected.slice(0, MAX_REASONS).map((r) => r.reason);
  const more = rejected.length - shown.length;
  return `${rejected.length} span(s) rejected: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
};
