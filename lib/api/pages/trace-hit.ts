import type { ServiceSummary } from '@/lib/traces/summarize-trace';

/**
 * One search result as the UI shows it. Times are JSON numbers: microseconds since the epoch
 * (≈1.8e15) stay below 2^53, as in jaeger-ui.
 */
export type TraceHit = {
  traceId: string;
  rootServiceName: string;
  rootOperationName: string;
  startUs: number;
  /** the whole trace: latest span end minus earliest span start */
  durationUs: number;
  spanCount: number;
  errorSpanCount: number;
  /** by name */
  services: ServiceSummary[];
};
