import { describe, expect, it } from 'vitest';
import { toPostgresRegex, translateRegex } from './to-postgres-regex';

const pg = (pattern: string) => {
  const r = translateRegex(pattern);
  if (!r.ok) throw new Error(`${pattern}: ${r.message}`);
  return r.pattern;
};

describe('translateRegex: RE2 → PostgreSQL ARE', () => {
  it('keeps letters, digits and structure, and writes punctuation as code escapes', () => {
    expect(pg('abc|d(e)f')).toBe('abc|d(e)f');
    expect(pg('a+b*c?d{2}e{1,}f{1,3}g*?')).toBe('a+b*c?d{2}e{1,}f{1,3}g*?');
    expect(pg('(?:ab)+')).toBe('(?:ab)+');
    expect(pg('a\\.b')).toBe('a\\u002eb');
    expect(pg('a/b-c')).toBe('a\\u002fb\\u002dc');
    expect(pg('x{')).toBe('x\\u007b');
    expect(pg('é')).toBe('é');
  });

  it('spells out what the engines read differently', () => {
    expect(pg('.')).toBe('[^\\u000a]');
    expect(pg('(?s).')).toBe('.');
    expect(pg('(?s:.)(.)')).toBe('(?:.)([^\\u000a])');
    expect(pg('\\d\\w\\s')).toBe('[0-9][0-9A-Za-z_][\\u0009-\\u000a\\u000c-\\u000d ]');
    expect(pg('\\D')).toBe('[^0-9]');
    expect(pg('[\\d_]')).toBe('[0-9_]');
    expect(pg('[[:alpha:]]')).toBe('[A-Za-z]');
    expect(pg('[^a-c]')).toBe('[^a-c]');
    expect(pg('[]a]')).toBe('[\\u005da]');
    expect(pg('[a-]')).toBe('[a\\u002d]');
    expect(pg('\\x41\\x{1F600}')).toBe('A😀');
    expect(pg('\\x2e')).toBe('\\u002e');
    expect(pg('\\z')).toBe('\\Z');
    expect(pg('\\Qa.b\\E+')).toBe('a\\u002eb+');
    expect(pg('(?P<name>x)')).toBe('(x)');
    expect(pg('\\t\\n')).toBe('\\u0009\\u000a');
  });

  it('reports anchors, lazy quantifiers and flags, which RFC 0005 refuses', () => {
    const r = translateRegex('^a*?(?s)b$');
    expect(r.ok && r.features.map((f) => f.feature)).toEqual(['anchor', 'lazy', 'flag', 'anchor']);
  });

  const refused: [string, string, number][] = [
    ['(a)\\1', 'backreferences', 3],
    ['(?P=n)', 'backreferences', 0],
    ['\\k<n>', 'backreferences', 0],
    ['a(?=b)', 'lookaround', 1],
    ['a(?!b)', 'lookaround', 1],
    ['(?<=a)b', 'lookaround', 0],
    ['(?<!a)b', 'lookaround', 0],
    ['(?>a)', 'atomic groups', 0],
    ['a++', 'possessive', 2],
    ['a**', 'invalid nested repetition', 2],
    ['*a', 'missing argument', 0],
    ['a{2,1}', 'invalid repetition range', 1],
    ['a{1001}', 'repetition count over 1000', 1],
    ['\\bword', 'word boundaries', 0],
    ['\\pL', 'Unicode classes', 0],
    ['[\\p{Greek}]', 'Unicode classes', 1],
    ['\\C', 'any byte', 0],
    ['\\012', 'octal escapes', 0],
    ['\\y', 'invalid escape \\y', 0],
    ['(?m)^a', 'flag m', 0],
    ['a(?i)b', '(?i) is supported only at the very start', 1],
    ['(a', 'missing closing )', 2],
    ['a)', 'unexpected )', 1],
    ['[a', 'missing closing ]', 0],
    ['[z-a]', 'invalid character class range', 2],
    ['[[:foo:]]', 'invalid character class', 1],
    ['[[:^alpha:]]', 'negated class', 1],
    ['[\\W]', '\\W inside [ ]', 1],
    ['a\\', 'trailing backslash', 1],
    ['\\x{110000}', 'invalid escape', 0],
  ];
  it.each(refused)('refuses %s', (pattern, message, index) => {
    const r = translateRegex(pattern);
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining(message), index });
  });
});

describe('toPostgresRegex', () => {
  it('anchors the whole value for TraceQL and not for RFC 0005', () => {
    expect(toPostgresRegex('a|b', 'whole')).toBe('^(?:a|b)$');
    expect(toPostgresRegex('a|b', 'anywhere')).toBe('a|b');
  });

  it('moves a leading (?i) to the front, where PostgreSQL takes embedded options', () => {
    expect(toPostgresRegex('(?i)get', 'whole')).toBe('(?i)^(?:get)$');
  });

  it('throws on a pattern validation refuses (the executor only sees validated filters)', () => {
    expect(() => toPostgresRegex('(?=x)', 'whole')).toThrow(/lookaround/);
  });
});
