import { describe, expect, it } from 'vitest';
import { decodePageToken, encodePageToken, queryFingerprint } from './page-token';

const after = { key: 1_834_000_000_123n, traceId: '0123456789abcdef0123456789abcdef' };

describe('page tokens', () => {
  it('round-trip a page boundary, bigint keys included', () => {
    const f = queryFingerprint({ service: 'checkout', startMinNs: 1n });
    expect(decodePageToken(encodePageToken('duration_desc', after, f), 'duration_desc', f)).toEqual(after);
  });

  it('refuse a token of another query or another order, saying so', () => {
    const token = encodePageToken('duration_desc', after, queryFingerprint({ service: 'checkout' }));
    expect(() => decodePageToken(token, 'duration_desc', queryFingerprint({ service: 'cart' }))).toThrow(/different query/);
    expect(() => decodePageToken(token, 'start_desc', queryFingerprint({ service: 'checkout' }))).toThrow(/different query/);
  });

  it('refuse what this server did not issue', () => {
    const f = queryFingerprint({});
    for (const bad of ['', 'not a token!', Buffer.from('{"v":2}').toString('base64url'), Buffer.from('[]').toString('base64url')]) {
      expect(() => decodePageToken(bad, 'start_desc', f)).toThrow(/not a page token/);
    }
  });

  it('fingerprints differ when any criterion differs, bigints included', () => {
    expect(queryFingerprint({ a: 1n })).not.toBe(queryFingerprint({ a: 2n }));
    expect(queryFingerprint({ a: 1n })).toBe(queryFingerprint({ a: 1n }));
  });
});
