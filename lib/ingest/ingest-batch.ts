import type { DecodedBatch, RejectedSpan } from '@/lib/model/span-record';
import { nowNs } from '@/lib/model/units';
import type { IngestDeps } from './ingest-deps';
import { fromSinkError } from './ingest-errors';
import { applyIngestWindow } from './ingest-window';

// The one path by which a decoded batch is stored, whatever listener it came in on (OTLP/HTTP,
// OTLP/gRPC, Jaeger HTTP and UDP, Zipkin): the retention window, then the sink, which resolves
// only once the spans are committed. Each listener then answers in its own protocol.

export type IngestOutcome = { accepted: number; rejected: RejectedSpan[] };

/** Stores what can be stored; throws IngestError when nothing could be (the client should retry). */
export const ingestBatch = async (batch: DecodedBatch, { sink, retentionDays }: IngestDeps): Promise<IngestOutcome> => {
  const kept = applyIngestWindow(batch, { nowNs: nowNs(), retentionDays });
  try {
    await sink.write(kept.records);
  } catch (err) {
    const failure = fromSinkError(err);
    if (failure.code === 'failed') console.error('[ingest] write failed:', err);
    throw failure;
  }
  return { accepted: kept.records.length, rejected: kept.rejected };
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
