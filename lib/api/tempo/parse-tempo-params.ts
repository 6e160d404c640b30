import { QueryParamError } from '@/lib/api/params/query-param-error';
import { parseTraceId } from '@/lib/model/trace-id';

// URL parameters of Tempo's query API, read as Tempo reads them: times in unix epoch seconds,
// counts as positive integers, each refusal a 400 naming the parameter.

const NS_PER_S = 1_000_000_000n;

/** A unix-seconds parameter (`start`, `end`) in nanoseconds, or undefined when absent. */
export const parseUnixSeconds = (params: URLSearchParams, name: string): bigint | undefined => {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d{1,11}$/.test(raw)) throw new QueryParamError(name, `invalid ${name}: "${raw}" is not unix epoch seconds`);
  return BigInt(raw) * NS_PER_S;
};

/** The window `start`/`end` name: both or neither (Tempo), `end` after `start`. */
export const parseTimeWindow = (params: URLSearchParams): { startNs: bigint; endNs: bigint } | undefined => {
  const startNs = parseUnixSeconds(params, 'start');
  const endNs = parseUnixSeconds(params, 'end');
  if (startNs === undefined && endNs === undefined) return undefined;
  if (startNs === undefined) throw new QueryParamError('start', 'invalid start: end is given, so start must be too');
  if (endNs === undefined) throw new QueryParamError('end', 'invalid end: start is given, so end must be too');
  if (endNs < startNs) throw new QueryParamError('end', 'invalid end: end must not be before start');
  return { startNs, endNs };
};

/** A positive integer parameter, its default when absent, at most `max`. */
export const parsePositiveInt = (params: URLSearchParams, name: string, fallback: number, max: number): number => {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1) throw new QueryParamError(name, `invalid ${name}: "${raw}" is not a positive integer`);
  return Math.min(n, max);
};

/** A trace id from the path (still URL-encoded), 32 lower-case hex. */
export const parseTempoTraceId = (segment: string): string => {
  let text = segment;
  try {
    text = decodeURIComponent(segment);
  } catch {
    // left as sent: parseTraceId names it
  }
  try {
    return parseTraceId(text);
  } catch (err) {
    throw new QueryParamError('traceID', (err as Error).message);
  }
};

/** Trace ids as Tempo prints them in search results: hex without leading zeros (util.TraceIDToHexString). */
export const toTempoTraceId = (hex32: string): string => hex32.replace(/^0+(?=.)/, '');
