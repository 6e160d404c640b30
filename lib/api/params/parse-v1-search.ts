import { parseGoDuration } from './parse-go-duration';
import { parseTagsJson } from './parse-tags-json';
import { MAX_INT64, MIN_INT64 } from '@/lib/model/conventions';
import { parseTraceId } from '@/lib/model/trace-id';
import { DEFAULT_TRACE_LIMIT, MAX_TRACE_LIMIT, type TraceQuery } from '@/lib/model/trace-query';
import { checkName, checkTagCount, checkTimeNs } from './check-query-params';
import { QueryParamError } from './query-param-error';
import { msToNs, usToNs } from '@/lib/model/units';

// Jaeger v1 `GET /api/traces` (Jaeger's cmd/query query_parser.go @ v2.20.0). Messages
// follow Jaeger's where it has one, so clients that show `errors[0].msg` read familiar text.

export type V1SearchRequest = { kind: 'ids'; traceIds: string[] } | { kind: 'search'; query: TraceQuery };

const DEFAULT_LOOKBACK_NS = 48n * 3_600_000_000_000n; // Jaeger's traceQueryLookbackDuration default
const INT_RE = /^[+-]?\d+$/;

const unableToParse = (param: string, err: unknown): QueryParamError =>
  new QueryParamError(param, `unable to parse param '${param}': ${(err as Error).message}`);

// `start`/`end` are microseconds since the epoch, as Go's strconv.ParseInt(s, 10, 64) reads them.
const parseMicrosParam = (params: URLSearchParams, param: string): bigint | undefined => {
  const raw = params.get(param);
  if (raw === null || raw === '') return undefined;
  if (!INT_RE.test(raw)) {
    throw unableToParse(param, new Error(`expected an integer (microseconds since the epoch), got ${JSON.stringify(raw)}`));
  }
  const micros = BigInt(raw);
  if (micros > MAX_INT64 || micros < MIN_INT64) {
    throw unableToParse(param, new Error(`value out of range: ${raw}`));
  }
  return checkTimeNs(usToNs(micros), param);
};

const parseDurationParam = (params: URLSearchParams, param: string): bigint | undefined => {
  const raw = params.get(param);
  if (raw === null || raw === '') return undefined;
  try {
    return parseGoDuration(raw);
  } catch (err) {
    throw unableToParse(param, err);
  }
};

const parseLimit = (params: URLSearchParams): number => {
  const raw = params.get('limit');
  if (raw === null || raw === '') return DEFAULT_TRACE_LIMIT;
  if (!INT_RE.test(raw)) {
    throw unableToParse('limit', new Error(`expected a positive integer, got ${JSON.stringify(raw)}`));
  }
  const limit = BigInt(raw);
  if (limit <= 0n) throw new QueryParamError('limit', 'invalid parameter: limit must be greater than 0');
  if (limit > BigInt(MAX_TRACE_LIMIT)) throw new QueryParamError('limit', `invalid parameter: limit is at most ${MAX_TRACE_LIMIT}`);
  return Number(limit);
};

// Legacy `tag=key:value` first, then every `tags` JSON map, later keys winning (Jaeger's parseTags order).
const parseTags = (params: URLSearchParams): TraceQuery['tags'] => {
  const tags = new Map<string, string>();
  for (const tag of params.getAll('tag')) {
    const colon = tag.indexOf(':');
    if (colon < 0) throw new QueryParamError('tag', `malformed 'tag' parameter, expecting key:value, received: ${tag}`);
    if (colon === 0) throw new QueryParamError('tag', `malformed 'tag' parameter, the key is empty: ${tag}`);
    tags.set(checkName(tag.slice(0, colon), 'tag'), tag.slice(colon + 1));
  }
  for (const json of params.getAll('tags')) {
    for (const [key, value] of parseTagsJson(json, 'tags')) tags.set(key, value);
  }
  checkTagCount(tags.size, params.has('tags') ? 'tags' : 'tag');
  return [...tags].map(([key, value]) => ({ key, value }));
};

const optionalName = (params: URLSearchParams, param: string): string | undefined => {
  const value = params.get(param);
  return value ? checkName(value, param) : undefined;
};

const parseTraceIds = (params: URLSearchParams): string[] => {
  const ids = new Set<string>();
  for (const raw of params.getAll('traceID').flatMap((v) => v.split(','))) {
    if (raw.trim() === '') continue;
    try {
      ids.add(parseTraceId(raw));
    } catch (err) {
      throw new QueryParamError('traceID', `cannot parse traceID param: ${(err as Error).message}`);
    }
    if (ids.size > MAX_TRACE_LIMIT) throw new QueryParamError('traceID', `invalid parameter: at most ${MAX_TRACE_LIMIT} trace ids at once`);
  }
  return [...ids];
};

// jaeger-ui sends its lookback choice beside start/end ("1h", "2d", "custom"); Jaeger reads only
// start/end, and so do we, but a value that is none of these is refused rather than ignored.
const LOOKBACK_RE = /^(?:custom|\d+(?:\.\d+)?(?:ms|s|m|h|d|w))$/;

const checkLookback = (params: URLSearchParams): void => {
  const raw = params.get('lookback');
  if (raw === null || raw === '' || LOOKBACK_RE.test(raw)) return;
  throw unableToParse('lookback', new Error(`expected a duration such as 1h, 2d or custom, got ${JSON.stringify(raw.slice(0, 64))}`));
};

/**
 * Reads the query string of Jaeger v1 `GET /api/traces`: a lookup by `traceID` (other filters
 * then ignored) or a search. `lookback` is checked but not used (start/end say the window); `raw`
 * and `prettyPrint` are not search criteria and are left to the caller. Throws QueryParamError naming the first malformed parameter.
 */
export const parseV1Search = (params: URLSearchParams, now: Date): V1SearchRequest => {
  const traceIds = parseTraceIds(params);
  checkLookback(params);
  const serviceName = optionalName(params, 'service');
  const operationName = optionalName(params, 'operation');

  const endNs = parseMicrosParam(params, 'end') ?? msToNs(now.getTime());
  const startNs = parseMicrosParam(params, 'start') ?? endNs - DEFAULT_LOOKBACK_NS;
  const tags = parseTags(params);
  const limit = parseLimit(params);
  const durationMinNs = parseDurationParam(params, 'minDuration');
  const durationMaxNs = parseDurationParam(params, 'maxDuration');

  if (traceIds.length === 0 && serviceName === undefined) {
    throw new QueryParamError('service', "parameter 'service' is required");
  }
  if (startNs > endNs) throw new QueryParamError('start', 'invalid parameter: start time must be before end time');
  if (durationMinNs !== undefined && durationMaxNs !== undefined && durationMaxNs < durationMinNs) {
    throw new QueryParamError('maxDuration', "'maxDuration' should be greater than 'minDuration'");
  }

  if (traceIds.length > 0) return { kind: 'ids', traceIds };
  return {
    kind: 'search',
    query: {
      ...(serviceName !== undefined && { serviceName }),
      ...(operationName !== undefined && { operationName }),
      tags,
      startMinNs: startNs,
      startMaxNs: endNs,
      ...(durationMinNs !== undefined && { durationMinNs }),
      ...(durationMaxNs !== undefined && { durationMaxNs }),
      limit,
    },
  };
};
