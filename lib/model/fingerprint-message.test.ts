import { describe, expect, test } from 'vitest';
import { fingerprintMessage, MAX_FINGERPRINT_LENGTH } from './fingerprint-message';

describe('fingerprintMessage', () => {
  test.each([
    ['order 123 not found', 'order <num> not found'],
    ['order 456 not found', 'order <num> not found'],
    ['timeout after 2.5s (limit -1)', 'timeout after <num>s (limit <num>)'],
    ['user 3fa85f64-5717-4562-b3fc-2c963f66afa6 has no cart', 'user <uuid> has no cart'],
    ['bad pointer 0xdeadBEEF in frame', 'bad pointer <hex> in frame'],
    ['trace 4bf92f3577b34da6a3ce929d0e0e4736 lost', 'trace <hex> lost'],
    ['key "alice" missing', 'key "<str>" missing'],
    [`key 'bob' missing`, 'key "<str>" missing'],
    ['key "say \\"hi\\" 42" missing', 'key "<str>" missing'],
    ['connection   refused\n  retrying', 'connection refused retrying'],
  ])('%s → %s', (message, fingerprint) => {
    expect(fingerprintMessage(message)).toBe(fingerprint);
  });

  test('words made of hex letters alone stay (a word is not an id)', () => {
    expect(fingerprintMessage('decade facade accessed')).toBe('decade facade accessed');
  });

  test('messages differing only in their data share a fingerprint; different texts do not', () => {
    const a = fingerprintMessage('payment 9912 for "acme" failed: card 0x1f declined');
    expect(fingerprintMessage('payment 17 for "globex" failed: card 0xffee declined')).toBe(a);
    expect(fingerprintMessage('payment 17 for "globex" succeeded')).not.toBe(a);
  });

  test('a long message is cut to the fingerprint length', () => {
    expect(fingerprintMessage('x'.repeat(10_000))).toHaveLength(MAX_FINGERPRINT_LENGTH);
  });
});
