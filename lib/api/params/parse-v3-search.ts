import { DEFAULT_TRACE_ORDER, isTraceOrder, TRACE_ORDERS, type PageAfter, type TraceOrder } from '@/lib/model/trace-order';
import { decodePageToken, encodePageToken, filterFingerprint, traceQueryFingerprint } from './page-token';
import { parseGoDuration } from './parse-go-duration';
import { parseRfc3339 } from './parse-rfc3339';
import { parseTagsJson } from './parse-tags-json';
import { DEFAULT_TRACE_LIMIT, MAX_TRACE_LIMIT, type TraceQuery } from '@/lib/model/trace-query';
import { checkName, checkTimeNs } from './check-query-params';
import { QueryParamError } from './query-param-error';
import { parseRfc0005 } from '@/lib/filter/parse-rfc0005';
import type { TraceFilter } from '@/lib/filter/filter-ast';

// api_v3 `GET /api/v3/traces` and `GET /api/v3/trace-summaries` (Jaeger's
// apiv3/query_parser.go @ v2.20.0). Every parameter has a snake_case alias (newer Grafana sends
// those); the camelCase name wins when both are present, as in Jaeger. Messages start
// "malformed parameter <name>", Jaeger's wording, and name the parameter as the client sent it.

const DIGITS_RE = /^\d+$/;

type Param = { value: string; name: string };

// The first of `names` (canonical name first, then its aliases) that has a non-empty value.
export const getParam = (params: URLSearchParams, ...names: string[]): Param | undefined => {
  for (const name of names) {
    const value = params.get(name);
    if (value !== null && value !== '') return { value, name };
  }
  return undefined;
};

/** An RFC 3339 time parameter as unix ns, within the times that can be stored (year 0001 or 9999 is a 400, not an int64 overflow in SQL). */
export const parseTimeParam = (param: Param): bigint => {
  let ns: bigint;
  try {
    ns = parseRfc3339(param.value);
  } catch (err) {
    throw new QueryParamError(param.name, `malformed parameter ${param.name}: ${(err as Error).message}`);
  }
  return checkTimeNs(ns, param.name);
};
const parseTime = parseTimeParam;

const requireTime = (params: URLSearchParams, camel: string, snake: string): bigint => {
  const param = getParam(params, camel, snake);
  if (param === undefined) throw new QueryParamError(camel, `parameter '${camel}' is required`);
  return parseTime(param);
};

const nameParam = (param: Param | undefined): string | undefined => (param === undefined ? undefined : checkName(param.value, param.name));

const parseDuration = (param: Param | undefined): bigint | undefined => {
  if (param === undefined) return undefined;
  try {
    return parseGoDuration(param.value);
  } catch (err) {
    throw new QueryParamError(param.name, `malformed parameter ${param.name}: ${(err as Error).message}`);
  }
};

const parseSearchDepth = (param: Param | undefined): number => {
  if (param === undefined) return DEFAULT_TRACE_LIMIT;
  if (!DIGITS_RE.test(param.value)) {
    const got = JSON.stringify(param.value);
    throw new QueryParamError(param.name, `malformed parameter ${param.name}: expected a positive integer, got ${got}`);
  }
  const depth = BigInt(param.value);
  if (depth === 0n) throw new QueryParamError(param.name, `malformed parameter ${param.name}: must be greater than 0`);
  if (depth > BigInt(MAX_TRACE_LIMIT)) throw new QueryParamError(param.name, `malformed parameter ${param.name}: at most ${MAX_TRACE_LIMIT}`);
  return Number(depth);
};

/**
 * Reads the query string of an api_v3 trace search into a TraceQuery. A service is optional
 * (jaeger-ui omits it for "All services"); both start-time bounds are required.
 * Throws QueryParamError naming the first malformed or missing parameter.
 */
export const parseV3Search = (params: URLSearchParams): TraceQuery => {
  const serviceName = nameParam(getParam(params, 'query.serviceName', 'query.service_name'));
  const operationName = nameParam(getParam(params, 'query.operationName', 'query.operation_name'));
  const attributes = getParam(params, 'query.attributes');
  const tags = (attributes ? parseTagsJson(attributes.value, attributes.name) : []).map(([key, value]) => ({ key, value }));

  const startMinNs = requireTime(params, 'query.startTimeMin', 'query.start_time_min');
  const startMaxNs = requireTime(params, 'query.startTimeMax', 'query.start_time_max');
  if (startMinNs > startMaxNs) {
    const message = "malformed parameter query.startTimeMin: 'query.startTimeMin' must not be after 'query.startTimeMax'";
    throw new QueryParamError('query.startTimeMin', message);
  }

  const durationMinNs = parseDuration(getParam(params, 'query.durationMin', 'query.duration_min'));
  const durationMaxNs = parseDuration(getParam(params, 'query.durationMax', 'query.duration_max'));
  if (durationMinNs !== undefined && durationMaxNs !== undefined && durationMaxNs < durationMinNs) {
    const message = "malformed parameter query.durationMax: 'query.durationMax' should be greater than 'query.durationMin'";
    throw new QueryParamError('query.durationMax', message);
  }

  // query.rawTraces / query.raw_traces are ignored: they switch Jaeger's adjusters, not the search
  const limit = parseSearchDepth(getParam(params, 'query.searchDepth', 'query.search_depth', 'query.num_traces'));

  const traceDurationMinNs = parseDuration(getParam(params, 'query.traceDurationMin', 'query.trace_duration_min'));
  const traceDurationMaxNs = parseDuration(getParam(params, 'query.traceDurationMax', 'query.trace_duration_max'));
  if (traceDurationMinNs !== undefined && traceDurationMaxNs !== undefined && traceDurationMaxNs < traceDurationMinNs) {
    const message = "malformed parameter query.traceDurationMax: 'query.traceDurationMax' should not be less than 'query.traceDurationMin'";
    throw new QueryParamError('query.traceDurationMax', message);
  }
  const rootServiceName = nameParam(getParam(params, 'query.rootServiceName', 'query.root_service_name'));
  const rootOperationName = nameParam(getParam(params, 'query.rootOperationName', 'query.root_operation_name'));

  return {
    ...(serviceName !== undefined && { serviceName }),
    ...(operationName !== undefined && { operationName }),
    tags,
    startMinNs,
    startMaxNs,
    ...(durationMinNs !== undefined && { durationMinNs }),
    ...(durationMaxNs !== undefined && { durationMaxNs }),
    limit,
    ...(traceDurationMinNs !== undefined && { traceDurationMinNs }),
    ...(traceDurationMaxNs !== undefined && { traceDurationMaxNs }),
    ...(rootServiceName !== undefined && { rootServiceName }),
    ...(rootOperationName !== undefined && { rootOperationName }),
  };
};

/** The legacy predicate parameters (and our trace-level ones), which a `query.filter` replaces. */
const PREDICATE_PARAMS = [
  ['query.serviceName', 'query.service_name'],
  ['query.operationName', 'query.operation_name'],
  ['query.attributes'],
  ['query.durationMin', 'query.duration_min'],
  ['query.durationMax', 'query.duration_max'],
  ['query.traceDurationMin', 'query.trace_duration_min'],
  ['query.traceDurationMax', 'query.trace_duration_max'],
  ['query.rootServiceName', 'query.root_service_name'],
  ['query.rootOperationName', 'query.root_operation_name'],
];

/**
 * `query.filter`: an RFC 0005 filter (its `Call` as JSON), or undefined when absent. As the RFC
 * says, it replaces the legacy predicate parameters rather than adding to them, so a request with
 * both is refused; a filter that does not parse or is not supported is refused with its JSON path.
 */
export const parseV3Filter = (params: URLSearchParams): TraceFilter | undefined => {
  const param = getParam(params, 'query.filter');
  if (param === undefined) return undefined;
  for (const names of PREDICATE_PARAMS) {
    const legacy = getParam(params, ...names);
    if (legacy !== undefined) {
      const message = `malformed parameter ${param.name}: cannot be combined with ${legacy.name} (a filter replaces the legacy predicate parameters; write that condition in the filter)`;
      throw new QueryParamError(param.name, message);
    }
  }
  const parsed = parseRfc0005(param.value);
  if (!parsed.ok) {
    const where = parsed.error.path ? ` (at ${parsed.error.path})` : '';
    throw new QueryParamError(param.name, `malformed parameter ${param.name}: ${parsed.error.message}${where}`);
  }
  return parsed.filter;
};

export type V3Page = { orderBy: TraceOrder; after?: PageAfter; fingerprint: string };

/**
 * The order and page of an api_v3 search (additive to Jaeger's API: jaeger-ui sends none of
 * these): `query.orderBy` (default start_desc) and `query.pageToken`, a token from the previous
 * page's `nextPageToken`, which must belong to the same query. The page size is the query's
 * searchDepth.
 */
export const parseV3Page = (params: URLSearchParams, query: TraceQuery, filter?: TraceFilter): V3Page => {
  const order = getParam(params, 'query.orderBy', 'query.order_by');
  if (order !== undefined && !isTraceOrder(order.value)) {
    const message = `malformed parameter ${order.name}: unknown order ${JSON.stringify(order.value)} (expected one of ${TRACE_ORDERS.join(', ')})`;
    throw new QueryParamError(order.name, message);
  }
  const orderBy = order?.value !== undefined && isTraceOrder(order.value) ? order.value : DEFAULT_TRACE_ORDER;
  const fingerprint = filter ? filterFingerprint(filter, query, orderBy) : traceQueryFingerprint(query, orderBy);
  const token = getParam(params, 'query.pageToken', 'query.page_token');
  if (token === undefined) return { orderBy, fingerprint };
  try {
    return { orderBy, fingerprint, after: decodePageToken(token.value, orderBy, fingerprint) };
  } catch (err) {
    throw new QueryParamError(token.name, `malformed parameter ${token.name}: ${(err as Error).message}`);
  }
};

/** The `nextPageToken` to answer with: '' on the last page. */
export const nextPageTokenOf = (page: V3Page, next: PageAfter | undefined): string =>
  next ? encodePageToken(page.orderBy, next, page.fingerprint) : '';

