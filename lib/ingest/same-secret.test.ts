import { describe, expect, it } from 'vitest';
import { sameSecret } from './same-secret';

describe('sameSecret', () => {
  it.each([
    ['s3cret', 's3cret', true],
    ['s3cret', 's3creT', false],
    ['s3cret', 's3cret-and-more', false],
    ['', 's3cret', false],
    ['ünïcode', 'ünïcode', true],
  ])('%j vs %j → %s', (offered, secret, same) => {
    expect(sameSecret(offered, secret)).toBe(same);
  });
});
