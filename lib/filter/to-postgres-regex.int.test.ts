import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toPostgresRegex } from './to-postgres-regex';

// The translation checked where it matters: PostgreSQL's own `~` must match exactly what RE2
// matches. The expected answers are RE2's, written by hand from its syntax documentation
// (github.com/google/re2/wiki/Syntax), for the constructs where the two engines differ.

// [RE2 pattern, subject, RE2 matches anywhere in it?]
const CASES: [string, string, boolean][] = [
  ['a.c', 'a\nc', false], // `.` excludes newline in RE2 (PostgreSQL's default includes it)
  ['a.c', 'abc', true],
  ['(?s)a.c', 'a\nc', true],
  ['(?s:a.)c', 'a\nc', true],
  ['\\d', '٣', false], // RE2's \d is ASCII; PostgreSQL's follows the locale
  ['\\d', '7', true],
  ['\\w', 'é', false],
  ['\\w', '_', true],
  ['\\s', '\u000b', false], // RE2's \s has no vertical tab
  ['\\s', '\t', true],
  ['\\S', 'x', true],
  ['[[:alpha:]]', 'é', false],
  ['[[:alpha:]]', 'Q', true],
  ['[[:space:]]', '\u000b', true],
  ['\\x41B', 'AB', true], // PostgreSQL's \x would read 41B as one code
  ['\\x{1F600}', '😀', true],
  ['a\\z', 'a\n', false],
  ['a\\z', 'xa', true],
  ['\\Aa', 'ba', false],
  ['^a', 'ba', false],
  ['a$', 'a\n', false],
  ['\\Q.*\\E', 'a.*b', true],
  ['\\Q.*\\E', 'ab', false],
  ['[^a]', '\n', true],
  ['[]a]', ']', true],
  ['[a-]', '-', true],
  ['x{', 'x{', true],
  ['a}', 'a}', true],
  ['[\\]]', ']', true],
  ['[\\\\]', '\\', true],
  ['a|b', 'b', true],
  ['(?P<n>ab)+c', 'ababc', true],
  ['a*?b', 'aab', true],
  ['colou?r', 'color', true],
  ['x{2,3}', 'xx', true],
  ['x{2,3}', 'x', false],
  ['[a-c]+', 'cab', true],
  ['(?i)get', 'GET', true],
  ['get', 'GET', false],
  ['\\.', 'a', false],
  ['\\$', '$', true],
  ['\\^', '^', true],
  ['\\[', '[', true],
  ['\\t', '\t', true],
];

describe('toPostgresRegex against PostgreSQL', () => {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  const match = async (re: string, subject: string) => (await client.query<{ m: boolean }>('SELECT $1::text ~ $2::text AS m', [subject, re])).rows[0].m;

  it.each(CASES)('%s on %j: %s', async (pattern, subject, expected) => {
    expect(await match(toPostgresRegex(pattern, 'anywhere'), subject)).toBe(expected);
  });

  it('anchors to the whole value in mode whole', async () => {
    expect(await match(toPostgresRegex('b|ab', 'whole'), 'ab')).toBe(true);
    expect(await match(toPostgresRegex('a', 'whole'), 'ab')).toBe(false);
    expect(await match(toPostgresRegex('a.*', 'whole'), 'ab\n')).toBe(false);
    expect(await match(toPostgresRegex('(?i)a+', 'whole'), 'AaA')).toBe(true);
  });
});
