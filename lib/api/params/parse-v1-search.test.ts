import { describe, expect, it } from 'vitest';
import { parseV1Search } from './parse-v1-search';
import { QueryParamError } from './query-param-error';

const NOW = new Date('2026-08-20T12:00:00.000Z');
const NOW_NS = BigInt(NOW.getTime()) * 1_000_000n;
const HOUR_NS = 3_600_000_000_000n;

const parse = (query: string) => parseV1Search(new URLSearchParams(query), NOW);

const search = (query: string) => {
  const result = parse(query);
  if (result.kind !== 'search') throw new Error(`expected a search, got ${result.kind}`);
  return result.query;
};

const errorOf = (query: string): QueryParamError => {
  try {
    parse(query);
  } catch (err) {
    if (err instanceof QueryParamError) return err;
    throw err;
  }
  throw new Error(`expected ${query} to be rejected`);
};

describe('parseV1Search: defaults and plain parameters', () => {
  it('applies the defaults: end = now, start = end − 48h, limit 100, no tags', () => {
    expect(search('service=frontend')).toStrictEqual({
      serviceName: 'frontend',
      tags: [],
      startMinNs: NOW_NS - 48n * HOUR_NS,
      startMaxNs: NOW_NS,
      limit: 100,
    });
  });

  it('reads everything jaeger-ui sends', () => {
    const q = search(
      'service=frontend&operation=HTTP+GET+%2Fdispatch&start=1755676800000000&end=1755680400123456' +
        '&minDuration=1.2ms&maxDuration=1s&limit=20&lookback=1h' +
        '&tags=%7B%22error%22%3A%22true%22%2C%22http.status_code%22%3A%22500%22%7D',
    );
    expect(q).toStrictEqual({
      serviceName: 'frontend',
      operationName: 'HTTP GET /dispatch',
      tags: [
        { key: 'error', value: 'true' },
        { key: 'http.status_code', value: '500' },
      ],
      startMinNs: 1_755_676_800_000_000_000n,
      startMaxNs: 1_755_680_400_123_456_000n,
      durationMinNs: 1_200_000n,
      durationMaxNs: 1_000_000_000n,
      limit: 20,
    });
  });

  it('takes start = end − 48h when only end is given', () => {
    const q = search('service=s&end=1000000000000000');
    expect(q.startMaxNs).toBe(1_000_000_000_000_000_000n);
    expect(q.startMinNs).toBe(1_000_000_000_000_000_000n - 48n * HOUR_NS);
  });

  it('ignores lookback, raw and prettyPrint', () => {
    expect(search('service=s&lookback=custom&raw=true&prettyPrint=true')).toStrictEqual(search('service=s'));
  });

  it('allows start = end', () => {
    expect(search('service=s&start=5&end=5').startMinNs).toBe(5_000n);
  });
});

describe('parseV1Search: tags', () => {
  it('converts numbers and booleans to their string form', () => {
    const q = search(`service=s&tags=${encodeURIComponent('{"a":"x","n":123,"f":72.5,"b":true,"neg":-1}')}`);
    expect(q.tags).toEqual([
      { key: 'a', value: 'x' },
      { key: 'n', value: '123' },
      { key: 'f', value: '72.5' },
      { key: 'b', value: 'true' },
      { key: 'neg', value: '-1' },
    ]);
  });

  it('keeps integers beyond 2^53 exact', () => {
    const q = search(`service=s&tags=${encodeURIComponent('{"s":"9007199254740993","big":9223372036854775807}')}`);
    expect(q.tags).toEqual([
      { key: 's', value: '9007199254740993' },
      { key: 'big', value: '9223372036854775807' },
    ]);
  });

  it('is not fooled by digits inside a string value', () => {
    const json = '{"a":"\\"big\\": 1,","big":9223372036854775807}';
    expect(search(`service=s&tags=${encodeURIComponent(json)}`).tags).toEqual([
      { key: 'a', value: '"big": 1,' },
      { key: 'big', value: '9223372036854775807' },
    ]);
  });

  it('merges repeated tags params and legacy tag=key:value, later keys winning', () => {
    const q = search(
      `service=s&tag=http.url:http://x:80/a&tag=k:old&tags=${encodeURIComponent('{"k":"new"}')}&tags=${encodeURIComponent('{"z":"1"}')}`,
    );
    expect(q.tags).toEqual([
      { key: 'http.url', value: 'http://x:80/a' },
      { key: 'k', value: 'new' },
      { key: 'z', value: '1' },
    ]);
  });

  it('decodes + in a tag value to a space', () => {
    expect(search('service=s&tags=%7B%22msg%22%3A%22a+b%22%7D').tags).toEqual([{ key: 'msg', value: 'a b' }]);
  });

  it('accepts an empty object', () => {
    expect(search('service=s&tags=%7B%7D').tags).toEqual([]);
  });
});

describe('parseV1Search: trace ids', () => {
  it('switches to lookup mode, with no service needed', () => {
    expect(parse('traceID=227')).toEqual({ kind: 'ids', traceIds: ['00000000000000000000000000000227'] });
  });

  it('takes repeated and comma-separated ids, normalized and deduplicated', () => {
    expect(parse('traceID=a,B&traceID=0000000000000000000000000000000A&traceID=c&service=s&operation=o')).toEqual({
      kind: 'ids',
      traceIds: ['0000000000000000000000000000000a', '0000000000000000000000000000000b', '0000000000000000000000000000000c'],
    });
  });
});

describe('parseV1Search: errors name the parameter', () => {
  it.each([
    ['', 'service', "parameter 'service' is required"],
    ['service=', 'service', "parameter 'service' is required"],
    ['service=s&start=1.5', 'start', "unable to parse param 'start'"],
    ['service=s&end=abc', 'end', "unable to parse param 'end'"],
    ['service=s&start=99999999999999999999', 'start', 'out of range'],
    ['service=s&start=2000&end=1000', 'start', 'invalid parameter: start time must be before end time'],
    ['service=s&minDuration=abc', 'minDuration', `unable to parse param 'minDuration': time: invalid duration "abc"`],
    ['service=s&maxDuration=10', 'maxDuration', 'time: missing unit in duration "10"'],
    ['service=s&minDuration=-1s', 'minDuration', 'negative duration'],
    ['service=s&minDuration=2s&maxDuration=1s', 'maxDuration', "'maxDuration' should be greater than 'minDuration'"],
    ['service=s&limit=0', 'limit', 'invalid parameter: limit must be greater than 0'],
    ['service=s&limit=-5', 'limit', 'invalid parameter: limit must be greater than 0'],
    ['service=s&limit=abc', 'limit', "unable to parse param 'limit'"],
    ['service=s&limit=1.5', 'limit', "unable to parse param 'limit'"],
    ['service=s&tags=not-json', 'tags', "malformed 'tags' parameter, cannot unmarshal JSON"],
    ['service=s&tags=%5B%22a%22%5D', 'tags', "malformed 'tags' parameter: expected a JSON object"],
    ['service=s&tags=null', 'tags', "malformed 'tags' parameter: expected a JSON object"],
    ['service=s&tags=%7B%22a%22%3A%7B%7D%7D', 'tags', "the value of 'a' must be a string, number or boolean"],
    ['service=s&tags=%7B%22a%22%3Anull%7D', 'tags', "the value of 'a' must be a string, number or boolean"],
    ['service=s&tags=%7B%22%22%3A%22v%22%7D', 'tags', 'a tag key is empty'],
    ['service=s&tag=novalue', 'tag', "malformed 'tag' parameter, expecting key:value, received: novalue"],
    ['service=s&tag=:v', 'tag', 'the key is empty'],
    ['traceID=xyz!', 'traceID', 'cannot parse traceID param'],
    ['traceID=0', 'traceID', 'all-zero'],
    ['traceID=1&limit=x', 'limit', "unable to parse param 'limit'"],
  ])('%j → %s: %s', (query, param, message) => {
    const err = errorOf(query);
    expect(err.param).toBe(param);
    expect(err.message).toContain(message);
  });

  it('accepts equal min and max durations', () => {
    const q = search('service=s&minDuration=1s&maxDuration=1000ms');
    expect([q.durationMinNs, q.durationMaxNs]).toEqual([1_000_000_000n, 1_000_000_000n]);
  });

  it('refuses a limit over 1500, naming the cap', () => {
    expect(search('service=s&limit=1500').limit).toBe(1500);
    for (const limit of ['1501', '99999999999999999999999']) {
      const err = errorOf(`service=s&limit=${limit}`);
      expect([err.param, err.message]).toEqual(['limit', 'invalid parameter: limit is at most 1500']);
    }
  });

  it.each([
    ['tags=%7B%22k%22%3A%22a%5Cu0000b%22%7D', 'tags', /NUL/],
    ['tags=%7B%22k%22%3A%22%5Cud800%22%7D', 'tags', /surrogate/],
    [`tags=${encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, 'v']))))}`, 'tags', /limit is 32/],
    [`tag=${'k'.repeat(1025)}:v`, 'tag', /limit is 1024/],
    [`operation=${'o'.repeat(1025)}`, 'operation', /limit is 1024/],
    ['start=9223372036854776', 'start', /outside the times/],
    ['end=-1', 'end', /outside the times/],
    [`traceID=${Array.from({ length: 1501 }, (_, i) => (i + 1).toString(16).padStart(32, '0')).join(',')}`, 'traceID', /at most 1500/],
  ])('refuses %s, naming %s', (query, param, message) => {
    const err = errorOf(`service=s&${query}`);
    expect(err.param).toBe(param);
    expect(err.message).toMatch(message);
  });
});
