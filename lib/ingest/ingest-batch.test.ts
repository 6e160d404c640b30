import { describe, expect, it, vi } from 'vitest';
import type { SpanRecord } from '@/lib/model/span-record';
import { makeSpan } from '@/lib/model/testing/make-span-record';
import { ingestBatch, storedNothing } from './ingest-batch';
import { IngestError } from './ingest-errors';

const DAY_NS = 86_400_000_000_000n;
const now = () => BigInt(Date.now()) * 1_000_000n;

const recordingSink = () => {
  const written: SpanRecord[][] = [];
  return { written, sink: { write: async (records: SpanRecord[]) => void written.push(records) } };
};

describe('ingestBatch', () => {
  it('writes the spans inside the retention window and reports the others as rejected', async () => {
    const { written, sink } = recordingSink();
    const fresh = makeSpan({ spanId: '00000000000000a1', startNs: now() });
    const old = makeSpan({ spanId: '00000000000000a2', startNs: now() - 8n * DAY_NS });
    const outcome = await ingestBatch({ records: [fresh, old], rejected: [{ reason: 'bad id' }] }, { sink, retentionDays: 7 });
    expect(written).toEqual([[fresh]]);
    expect(outcome.accepted).toBe(1);
    expect(outcome.rejected.map((r) => r.reason)).toEqual(['bad id', 'span 00000000000000a2: start time is older than the retention window of 7 days']);
    expect(storedNothing(outcome)).toBe(false);
  });

  it('counts a batch whose spans are all outside the window as storing nothing', async () => {
    const { sink } = recordingSink();
    const outcome = await ingestBatch({ records: [makeSpan({ startNs: now() - 40n * DAY_NS })], rejected: [] }, { sink, retentionDays: 30 });
    expect(storedNothing(outcome)).toBe(true);
    expect(storedNothing({ accepted: 0, rejected: [] })).toBe(false); // an empty request is not refused
  });

  it("turns the sink's refusal into an IngestError", async () => {
    const sink = { write: () => Promise.reject(Object.assign(new Error('ingest queue is full; retry later'), { code: 'overloaded' })) };
    await expect(ingestBatch({ records: [makeSpan({ startNs: now() })], rejected: [] }, { sink, retentionDays: 30 })).rejects.toEqual(
      new IngestError('overloaded', 'ingest queue is full; retry later'),
    );
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = { write: () => Promise.reject(new Error('disk full')) };
    const err = await ingestBatch({ records: [makeSpan({ startNs: now() })], rejected: [] }, { sink: broken, retentionDays: 30 }).catch((e) => e);
    expect([err.code, err.message]).toEqual(['failed', 'spans could not be stored: disk full']);
    quiet.mockRestore();
  });
});
