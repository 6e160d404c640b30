import { describe, expect, it } from 'vitest';
import type { TagFilter } from '@/lib/model/trace-query';
import { parseLogfmt } from './parse-logfmt';
import { QueryParamError } from './query-param-error';

// What the attributes box would hold for these filters: the oracle of the round trip below.
const toLogfmt = (tags: TagFilter[]): string =>
  tags.map(({ key, value }) => `${key}=${value === '' || /[\s"=]/.test(value) ? JSON.stringify(value) : value}`).join(' ');

describe('parseLogfmt', () => {
  it('reads key=value pairs into the TagFilter[] the Jaeger tags JSON gives', () => {
    expect(parseLogfmt('http.status_code=500 error=true')).toEqual([
      { key: 'http.status_code', value: '500' },
      { key: 'error', value: 'true' },
    ]);
  });

  it('reads quoted values with spaces and escapes, a bare key as true, and lets a later key win', () => {
    expect(parseLogfmt(' http.route="/cart/{id} x" error  a=1 a=2 q="say \\"hi\\""')).toEqual([
      { key: 'http.route', value: '/cart/{id} x' },
      { key: 'error', value: 'true' },
      { key: 'a', value: '2' },
      { key: 'q', value: 'say "hi"' },
    ]);
  });

  it('reads an empty box as no filter and an empty value as the empty string', () => {
    expect(parseLogfmt('   ')).toEqual([]);
    expect(parseLogfmt('k=')).toEqual([{ key: 'k', value: '' }]);
  });

  it('rejects an unterminated quote naming the parameter', () => {
    expect(() => parseLogfmt('k="abc')).toThrow(QueryParamError);
    expect(() => parseLogfmt('k="abc')).toThrow("the value of 'k' opens a quote that is never closed");
    expect(() => parseLogfmt('=v')).toThrow(/tags/);
  });

  it('round-trips through toLogfmt', () => {
    const tags = [{ key: 'a', value: 'x y' }, { key: 'b', value: '' }, { key: 'c', value: 'plain' }];
    expect(parseLogfmt(toLogfmt(tags))).toEqual(tags);
  });
});
