import { describe, expect, test } from 'vitest';
import { classifyRequest, safeNext } from './guard-read-access';
import { addressMatcher, isLoopbackHost } from './match-address';
import { hashPassword, parsePasswordHash, verifyPassword } from './password-hash';

describe('classifyRequest', () => {
  test.each([
    ['GET', '/api/health', 'open'],
    ['GET', '/api/live', 'open'],
    ['GET', '/sign-in', 'open'],
    ['GET', '/_next/static/chunks/app.js', 'open'],
    ['POST', '/v1/traces', 'open'],
    ['POST', '/api/traces', 'open'],
    ['GET', '/api/traces', 'api'],
    ['POST', '/api/v2/spans', 'open'],
    ['GET', '/api/v2/spans', 'api'],
    ['GET', '/metrics', 'api'],
    ['GET', '/api/tempo/search', 'api'],
    ['GET', '/', 'page'],
    ['GET', '/trace/abc', 'page'],
    ['GET', '/_next/static/../../api/services', 'api'],
    ['GET', '/_next/static/%2e%2e/x', 'page'],
    ['GET', '/api/health/../ui/search', 'api'],
  ])('%s %s is %s', (method, p, kind) => expect(classifyRequest(method, p)).toBe(kind));
});

test('safeNext keeps paths on this site only', () => {
  expect(safeNext('/search?x=1')).toBe('/search?x=1');
  for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', '', null, '/sign-in?next=/', '/a\nb']) expect(safeNext(bad)).toBe('/');
});

test('addressMatcher matches addresses and CIDRs, IPv4-mapped IPv6 as IPv4', () => {
  const trusted = addressMatcher(['10.0.0.0/8', '192.168.1.5', 'fd00::/8']);
  expect(trusted('10.200.3.4')).toBe(true);
  expect(trusted('::ffff:10.1.1.1')).toBe(true);
  expect(trusted('192.168.1.5')).toBe(true);
  expect(trusted('192.168.1.6')).toBe(false);
  expect(trusted('fd12::1')).toBe(true);
  expect(trusted('11.0.0.1')).toBe(false);
  expect(trusted(undefined)).toBe(false);
  expect(isLoopbackHost('127.0.0.1') && isLoopbackHost('::1') && !isLoopbackHost('0.0.0.0')).toBe(true);
});

test('a password hash verifies its password only', async () => {
  const hash = parsePasswordHash(await hashPassword('s3cret pass'))!;
  expect(await verifyPassword('s3cret pass', hash)).toBe(true);
  expect(await verifyPassword('s3cret pasS', hash)).toBe(false);
  expect(parsePasswordHash('$scrypt$N=3,r=8,p=1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==')).toBeUndefined();
});

test('refusals are logged once per source per minute, the next line counting those not logged', async () => {
  const { logAccessRefusal } = await import('./log-access-refusal');
  const lines: string[] = [];
  const original = console.error;
  console.error = (line: string) => void lines.push(line);
  try {
    const t = 1_000_000;
    logAccessRefusal('10.9.9.9', 'first', t);
    for (let i = 1; i <= 5; i++) logAccessRefusal('10.9.9.9', 'again', t + i * 1000);
    logAccessRefusal('10.9.9.8', 'other source', t + 6000);
    logAccessRefusal('10.9.9.9', 'after a minute', t + 61_000);
  } finally {
    console.error = original;
  }
  expect(lines.map((l) => l.replace(/^\S+ warn  \[access\] /, ''))).toEqual([
    'refused from 10.9.9.9: first',
    'refused from 10.9.9.8: other source',
    'refused from 10.9.9.9: after a minute (and 5 more refusal(s) from it since the last line)',
  ]);
});
