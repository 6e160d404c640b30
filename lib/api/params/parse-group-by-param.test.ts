import { describe, expect, test } from 'vitest';
import { parseGroupByParam } from './parse-group-by-param';
import { QueryParamError } from './query-param-error';

const parse = (query: string) => parseGroupByParam(new URLSearchParams(query));

describe('parseGroupByParam', () => {
  test('absent is no grouping; a key is taken as given, dots and spaces included', () => {
    expect(parse('')).toBeUndefined();
    expect(parse('groupBy=http.status_code')).toBe('http.status_code');
    expect(parse('groupBy=my%20key')).toBe('my key');
  });

  test.each(['groupBy=', 'groupBy=%20', 'groupBy=a&groupBy=b', `groupBy=${'k'.repeat(1025)}`])('%s is a 400 naming groupBy', (query) => {
    expect(() => parse(query)).toThrow(QueryParamError);
    try {
      parse(query);
    } catch (err) {
      expect((err as QueryParamError).param).toBe('groupBy');
    }
  });
});
