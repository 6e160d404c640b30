import { parseGoDuration } from '@/lib/api/params/parse-go-duration';
import { parseLogfmt } from '@/lib/api/params/parse-logfmt';
import { checkName } from '@/lib/api/params/check-query-params';
import { LOOKBACK_MS, type SearchState, type SortKey } from './search-state';
import type { TraceOrder } from '@/lib/model/trace-order';
import type { TraceQuery } from '@/lib/model/trace-query';
import { QueryParamError } from '@/lib/api/params/query-param-error';

const NS_PER_MS = 1_000_000n;

export type SearchWindow = { startMs: number; endMs: number };

/** The absolute window of a search state at `nowMs`; "retention" reaches back `retentionDays`. */
export const toSearchWindow = (state: SearchState, nowMs: number, retentionDays: number): SearchWindow => {
  if (state.lookback === 'custom' && state.startMs !== undefined && state.endMs !== undefined) {
    return { startMs: state.startMs, endMs: state.endMs };
  }
  const span =
    state.lookback === 'retention' ? retentionDays * 86_400_000 : (LOOKBACK_MS[state.lookback as keyof typeof LOOKBACK_MS] ?? LOOKBACK_MS['1h']);
  return { startMs: nowMs - span, endMs: nowMs };
};

const duration = (text: string, param: string): bigint | undefined => {
  if (text.trim() === '') return undefined;
  try {
    return parseGoDuration(text.trim());
  } catch (err) {
    throw new QueryParamError(param, `${param}: ${(err as Error).message} (write e.g. 250ms, 1.5s, 500us)`);
  }
};

/** The server-side order of each sort the page offers. */
export const TRACE_ORDER_OF: Record<SortKey, TraceOrder> = {
  newest: 'start_desc',
  oldest: 'start_asc',
  longest: 'duration_desc',
  shortest: 'duration_asc',
  'most-spans': 'span_count_desc',
  'most-errors': 'error_count_desc',
};

/**
 * The TraceQuery a UI search runs: the same search (same span-level semantics, same TagFilter[])
 * as the Jaeger APIs, plus the trace-level criteria of api_v3's trace summaries. Throws
 * QueryParamError naming the field the user must fix.
 */
export const toTraceQuery = (state: SearchState, window: SearchWindow): TraceQuery => {
  for (const [param, value] of [['service', state.service], ['operation', state.operation], ['rootService', state.rootService], ['rootOperation', state.rootOperation]] as const) {
    checkName(value, param);
  }
  const tags = parseLogfmt(state.tags, 'tags');
  const durationMinNs = duration(state.minDuration, 'minDuration');
  const durationMaxNs = duration(state.maxDuration, 'maxDuration');
  if (durationMinNs !== undefined && durationMaxNs !== undefined && durationMaxNs < durationMinNs) {
    throw new QueryParamError('maxDuration', 'maxDuration: must not be less than minDuration');
  }
  const traceDurationMinNs = duration(state.traceMinDuration, 'traceMinDuration');
  const traceDurationMaxNs = duration(state.traceMaxDuration, 'traceMaxDuration');
  if (traceDurationMinNs !== undefined && traceDurationMaxNs !== undefined && traceDurationMaxNs < traceDurationMinNs) {
    throw new QueryParamError('traceMaxDuration', 'traceMaxDuration: must not be less than traceMinDuration');
  }
  if (window.startMs > window.endMs) throw new QueryParamError('start', 'start: the range must start before it ends');
  return {
    ...(state.service !== '' && { serviceName: state.service }),
    ...(state.operation !== '' && { operationName: state.operation }),
    tags,
    startMinNs: BigInt(Math.floor(window.startMs)) * NS_PER_MS,
    startMaxNs: BigInt(Math.ceil(window.endMs)) * NS_PER_MS,
    ...(durationMinNs !== undefined && { durationMinNs }),
    ...(durationMaxNs !== undefined && { durationMaxNs }),
    limit: state.limit,
    ...(traceDurationMinNs !== undefined && { traceDurationMinNs }),
    ...(traceDurationMaxNs !== undefined && { traceDurationMaxNs }),
    ...(state.rootService !== '' && { rootServiceName: state.rootService }),
    ...(state.rootOperation !== '' && { rootOperationName: state.rootOperation }),
  };
};
