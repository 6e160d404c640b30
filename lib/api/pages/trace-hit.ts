import type { TraceSummaryDetail } from '@/lib/traces/summarize-trace';

/**
 * One search result as the UI shows it: the trace summary with its times as JSON numbers,
 * microseconds since the epoch (≈1.8e15 stays below 2^53, as in jaeger-ui).
 */
export type TraceHit = Omit<TraceSummaryDetail, 'minStartNs' | 'maxEndNs' | 'orphanSpanCount'> & {
  startUs: number;
  /** the whole trace: latest span end minus earliest span start */
  durationUs: number;
};
