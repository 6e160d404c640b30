import { describe, expect, it } from 'vitest';
import { nextPageTokenOf, parseV3Page, parseV3Search } from './parse-v3-search';
import { QueryParamError } from './query-param-error';

const MIN = 'query.startTimeMin=2026-01-01T10:00:00Z';
const MAX = 'query.startTimeMax=2026-01-01T11:00:00.5Z';
const MIN_NS = BigInt(Date.UTC(2026, 0, 1, 10)) * 1_000_000n;
const MAX_NS = BigInt(Date.UTC(2026, 0, 1, 11)) * 1_000_000n + 500_000_000n;

const parse = (query: string) => parseV3Search(new URLSearchParams(query));

const errorOf = (query: string): QueryParamError => {
  try {
    parse(query);
  } catch (err) {
    if (err instanceof QueryParamError) return err;
    throw err;
  }
  throw new Error(`expected ${query} to be rejected`);
};

describe('parseV3Search', () => {
  it('needs only the two start-time bounds (no service: "All services")', () => {
    expect(parse(`${MIN}&${MAX}`)).toStrictEqual({ tags: [], startMinNs: MIN_NS, startMaxNs: MAX_NS, limit: 100 });
  });

  it('reads what jaeger-ui v2.20 sends', () => {
    const q = parse(
      `query.serviceName=frontend&query.operationName=HTTP+GET+%2F&${MIN}&${MAX}&query.searchDepth=20` +
        `&query.durationMin=1ms&query.durationMax=2.5s&query.attributes=${encodeURIComponent('{"error":"true"}')}`,
    );
    expect(q).toStrictEqual({
      serviceName: 'frontend',
      operationName: 'HTTP GET /',
      tags: [{ key: 'error', value: 'true' }],
      startMinNs: MIN_NS,
      startMaxNs: MAX_NS,
      durationMinNs: 1_000_000n,
      durationMaxNs: 2_500_000_000n,
      limit: 20,
    });
  });

  it("reads Grafana's snake_case aliases, with the unencoded + of a time-zone offset", () => {
    // Grafana appends the times raw: URLSearchParams turns their + into a space
    const q = parse(
      'query.service_name=checkout&query.operation_name=pay&query.duration_min=100ms&query.duration_max=1h' +
        '&query.attributes=%7B%22http.status_code%22%3A%22500%22%7D' +
        '&query.start_time_min=2026-01-01T10:00:00.123456789+05:30&query.start_time_max=2026-01-01T11:00:00-01:00',
    );
    expect(q).toStrictEqual({
      serviceName: 'checkout',
      operationName: 'pay',
      tags: [{ key: 'http.status_code', value: '500' }],
      startMinNs: BigInt(Date.UTC(2026, 0, 1, 4, 30)) * 1_000_000n + 123_456_789n,
      startMaxNs: BigInt(Date.UTC(2026, 0, 1, 12)) * 1_000_000n,
      durationMinNs: 100_000_000n,
      durationMaxNs: 3_600_000_000_000n,
      limit: 100,
    });
  });

  it('prefers the camelCase name when both are present', () => {
    const q = parse(`query.serviceName=camel&query.service_name=snake&${MIN}&${MAX}&query.start_time_min=garbage`);
    expect(q.serviceName).toBe('camel');
    expect(q.startMinNs).toBe(MIN_NS);
  });

  it.each([
    ['query.searchDepth=7', 7],
    ['query.search_depth=8', 8],
    ['query.num_traces=9', 9],
    ['query.searchDepth=7&query.num_traces=9', 7],
    ['query.searchDepth=1500', 1500],
  ])('search depth: %s → %i', (param, limit) => {
    expect(parse(`${MIN}&${MAX}&${param}`).limit).toBe(limit);
  });

  it.each([
    ['query.searchDepth=9223372036854775807', 'query.searchDepth', /at most 1500/],
    ['query.num_traces=1501', 'query.num_traces', /at most 1500/],
    ['query.attributes=%7B%22k%22%3A%22%5Cu0000%22%7D', 'query.attributes', /NUL/],
    [`query.serviceName=${'s'.repeat(1025)}`, 'query.serviceName', /limit is 1024/],
    ['query.rootOperationName=a%00', 'query.rootOperationName', /NUL/],
  ])('refuses %s, naming %s', (query, param, message) => {
    const err = errorOf(`${MIN}&${MAX}&${query}`);
    expect(err.param).toBe(param);
    expect(err.message).toMatch(message);
  });

  it.each(['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '1969-12-31T23:59:59Z'])('refuses the edge year %s as a time outside what can be stored', (time) => {
    const err = errorOf(`query.startTimeMin=${time}&${MAX}`);
    expect(err.param).toBe('query.startTimeMin');
    expect(err.message).toMatch(/outside the times/);
  });

  it('ignores query.rawTraces', () => {
    expect(parse(`${MIN}&${MAX}&query.rawTraces=true`)).toStrictEqual(parse(`${MIN}&${MAX}`));
  });

  it('accepts min = max', () => {
    expect(parse(`${MIN}&query.startTimeMax=2026-01-01T10:00:00Z`).startMaxNs).toBe(MIN_NS);
  });

  it.each([
    [MAX, 'query.startTimeMin', "parameter 'query.startTimeMin' is required"],
    [MIN, 'query.startTimeMax', "parameter 'query.startTimeMax' is required"],
    [`query.startTimeMin=yesterday&${MAX}`, 'query.startTimeMin', 'malformed parameter query.startTimeMin: cannot parse "yesterday"'],
    [`query.start_time_min=2026-01-01T10:00:00&${MAX}`, 'query.start_time_min', 'malformed parameter query.start_time_min'],
    [`${MIN}&query.start_time_max=1767261600`, 'query.start_time_max', 'malformed parameter query.start_time_max'],
    [
      'query.startTimeMin=2026-01-02T00:00:00Z&query.startTimeMax=2026-01-01T00:00:00Z',
      'query.startTimeMin',
      "'query.startTimeMin' must not be after 'query.startTimeMax'",
    ],
    [`${MIN}&${MAX}&query.durationMin=5`, 'query.durationMin', 'malformed parameter query.durationMin: time: missing unit in duration "5"'],
    [`${MIN}&${MAX}&query.duration_max=x`, 'query.duration_max', 'malformed parameter query.duration_max: time: invalid duration "x"'],
    [`${MIN}&${MAX}&query.durationMin=-5ms`, 'query.durationMin', 'negative duration'],
    [
      `${MIN}&${MAX}&query.durationMin=2s&query.durationMax=1s`,
      'query.durationMax',
      "'query.durationMax' should be greater than 'query.durationMin'",
    ],
    [`${MIN}&${MAX}&query.searchDepth=0`, 'query.searchDepth', 'malformed parameter query.searchDepth: must be greater than 0'],
    [`${MIN}&${MAX}&query.num_traces=-1`, 'query.num_traces', 'malformed parameter query.num_traces: expected a positive integer'],
    [`${MIN}&${MAX}&query.search_depth=ten`, 'query.search_depth', 'malformed parameter query.search_depth'],
    [`${MIN}&${MAX}&query.attributes=%7Bbad`, 'query.attributes', "malformed 'query.attributes' parameter, cannot unmarshal JSON"],
    [`${MIN}&${MAX}&query.attributes=%5B%5D`, 'query.attributes', 'expected a JSON object'],
  ])('%j → %s', (query, param, message) => {
    const err = errorOf(query);
    expect(err.param).toBe(param);
    expect(err.message).toContain(message);
  });
});

describe('parseV3Search: trace-level criteria', () => {
  it('reads trace duration bounds and the root, camelCase or snake_case', () => {
    expect(parse(`${MIN}&${MAX}&query.traceDurationMin=1.5s&query.trace_duration_max=2m&query.rootServiceName=api&query.root_operation_name=GET%20%2F`)).toMatchObject({
      traceDurationMinNs: 1_500_000_000n,
      traceDurationMaxNs: 120_000_000_000n,
      rootServiceName: 'api',
      rootOperationName: 'GET /',
    });
  });

  it('refuses a trace duration range that is upside down', () => {
    expect(errorOf(`${MIN}&${MAX}&query.traceDurationMin=2s&query.traceDurationMax=1s`).param).toBe('query.traceDurationMax');
  });
});

describe('parseV3Page', () => {
  const page = (query: string) => {
    const params = new URLSearchParams(query);
    return parseV3Page(params, parseV3Search(params));
  };
  const pageError = (query: string) => {
    try {
      page(query);
    } catch (err) {
      return err as QueryParamError;
    }
    throw new Error(`no error for ${query}`);
  };

  it('defaults to newest first, with no boundary', () => {
    expect(page(`${MIN}&${MAX}`)).toMatchObject({ orderBy: 'start_desc' });
    expect(page(`${MIN}&${MAX}`).after).toBeUndefined();
  });

  it('takes the token it issued for the same query, whatever the page size', () => {
    const first = page(`${MIN}&${MAX}&query.orderBy=duration_desc&query.searchDepth=5`);
    const token = nextPageTokenOf(first, { key: 42n, traceId: 'ab'.repeat(16) });
    const next = page(`${MIN}&${MAX}&query.orderBy=duration_desc&query.searchDepth=50&query.pageToken=${token}`);
    expect(next.after).toEqual({ key: 42n, traceId: 'ab'.repeat(16) });
    expect(nextPageTokenOf(first, undefined)).toBe('');
  });

  it('names query.orderBy and query.pageToken when they are wrong', () => {
    expect(pageError(`${MIN}&${MAX}&query.orderBy=slowest`)).toMatchObject({ param: 'query.orderBy' });
    expect(pageError(`${MIN}&${MAX}&query.pageToken=garbage`).message).toMatch(/^malformed parameter query.pageToken: not a page token/);
    const token = nextPageTokenOf(page(`${MIN}&${MAX}`), { key: 1n, traceId: 'cd'.repeat(16) });
    expect(pageError(`${MIN}&${MAX}&query.serviceName=other&query.pageToken=${token}`).message).toMatch(/different query/);
  });
});
