import { describe, expect, it } from 'vitest';
import { dictionaryKey, KEY_MARK, literalKey, parseStoredKey } from './stored-keys';

describe('stored attribute keys', () => {
  it('codes a dictionary id in a few bytes and reads it back', () => {
    expect(dictionaryKey(1)).toBe('\u007f1');
    expect(dictionaryKey(1295)).toBe('\u007fzz');
    for (const id of [1, 35, 36, 1295, 49_999]) expect(parseStoredKey(dictionaryKey(id))).toEqual({ id });
  });

  it('keeps literal keys, including ones that start with the mark', () => {
    expect(literalKey('http.route')).toBe('http.route');
    expect(parseStoredKey(literalKey('http.route'))).toEqual({ key: 'http.route' });
    const odd = `${KEY_MARK}7`; // would read as dictionary id 7 if stored as is
    expect(literalKey(odd)).not.toBe(odd);
    expect(parseStoredKey(literalKey(odd))).toEqual({ key: odd });
    expect(parseStoredKey(literalKey(''))).toEqual({ key: '' });
  });
});
