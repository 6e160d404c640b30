import type { DecodedBatch } from '@/lib/model/span-record';
import { DAY_NS } from '@/lib/model/units';

// Spans are kept for RETENTION_DAYS. A span that starts before that window would be dropped
// by the next retention run, and one far in the future would create partitions that outlive
// everything; both are refused with a reason (OTLP partial_success) instead of vanishing later.

const FUTURE_SLACK_NS = DAY_NS; // clock skew of up to a day is stored as sent

export type IngestWindowOptions = { nowNs: bigint; retentionDays: number };

/** Moves the records outside the kept window to `rejected`. */
export const applyIngestWindow = (batch: DecodedBatch, { nowNs, retentionDays }: IngestWindowOptions): DecodedBatch => {
  const oldest = nowNs - BigInt(retentionDays) * DAY_NS;
  const newest = nowNs + FUTURE_SLACK_NS;
  let outside = 0;
  for (const r of batch.records) if (r.startNs < oldest || r.startNs > newest) outside++;
  if (outside === 0) return batch;
  const records = [];
  const rejected = [...batch.rejected];
  for (const r of batch.records) {
    if (r.startNs < oldest) {
      rejected.push({ reason: `span ${r.spanId}: start time is older than the retention window of ${retentionDays} days` });
    } else if (r.startNs > newest) {
      rejected.push({ reason: `span ${r.spanId}: start time is more than a day in the future` });
    } else records.push(r);
  }
  return { records, rejected };
};
