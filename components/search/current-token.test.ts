import { describe, expect, it } from 'vitest';
import { currentToken, quoteValue } from './current-token';

describe('currentToken', () => {
  it('finds the key being typed', () => {
    expect(currentToken('error=true http.st', 18)).toEqual({ start: 11, end: 18, key: 'http.st', value: undefined });
  });
  it('finds the value of a key', () => {
    expect(currentToken('http.status_code=5 error=true', 18)).toEqual({ start: 0, end: 18, key: 'http.status_code', value: '5' });
  });
  it('quotes values logfmt needs quoted', () => {
    expect(quoteValue('500')).toBe('500');
    expect(quoteValue('a b')).toBe('"a b"');
    expect(quoteValue('')).toBe('""');
  });
});
