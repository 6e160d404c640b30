import { describe, expect, it } from 'vitest';
import { parseRfc3339 } from './parse-rfc3339';

const utcNs = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, fracNs = 0n) =>
  BigInt(Date.UTC(y, mo - 1, d, h, mi, s)) * 1_000_000n + fracNs;

describe('parseRfc3339: valid', () => {
  it.each([
    ['2026-01-01T10:00:00Z', utcNs(2026, 1, 1, 10)],
    ['2026-01-01t10:00:00z', utcNs(2026, 1, 1, 10)],
    ['2017-01-26T16:46:31.639875Z', 1_485_449_191_639_875_000n],
    ['2026-01-01T10:00:00.1Z', utcNs(2026, 1, 1, 10, 0, 0, 100_000_000n)],
    ['2026-01-01T10:00:00.123Z', utcNs(2026, 1, 1, 10, 0, 0, 123_000_000n)],
    ['2026-01-01T10:00:00.123456789Z', utcNs(2026, 1, 1, 10, 0, 0, 123_456_789n)],
    ['2026-01-01T10:00:00.000000001Z', utcNs(2026, 1, 1, 10, 0, 0, 1n)],
    ['2026-01-01T10:00:00.123456789+05:30', utcNs(2026, 1, 1, 4, 30, 0, 123_456_789n)],
    ['2026-01-01T10:00:00.123456789-08:00', utcNs(2026, 1, 1, 18, 0, 0, 123_456_789n)],
    ['2026-01-01T00:15:00+01:00', utcNs(2025, 12, 31, 23, 15)],
    ['2026-01-01T10:00:00+00:00', utcNs(2026, 1, 1, 10)],
    ['2026-01-01T10:00:00-00:00', utcNs(2026, 1, 1, 10)],
    ['2024-02-29T12:00:00Z', utcNs(2024, 2, 29, 12)],
    ['2000-02-29T00:00:00Z', utcNs(2000, 2, 29)],
    ['1970-01-01T00:00:00Z', 0n],
    ['1969-12-31T23:59:59.999999999Z', -1n],
    ['9999-12-31T23:59:59.999999999Z', utcNs(9999, 12, 31, 23, 59, 59, 999_999_999n)],
  ])('%s', (input, ns) => {
    expect(parseRfc3339(input)).toBe(ns);
  });

  it('reads a space where the offset sign belongs as + (Grafana sends the + unencoded)', () => {
    expect(parseRfc3339('2026-01-01T10:00:00.123456789 05:30')).toBe(utcNs(2026, 1, 1, 4, 30, 0, 123_456_789n));
  });

  it('gets the same instant from a raw query string with an unencoded +', () => {
    const params = new URLSearchParams('t=2026-01-01T10:00:00.123456789+05:30');
    expect(params.get('t')).toBe('2026-01-01T10:00:00.123456789 05:30');
    expect(parseRfc3339(params.get('t')!)).toBe(parseRfc3339('2026-01-01T04:30:00.123456789Z'));
  });
});

describe('parseRfc3339: invalid', () => {
  it.each([
    ['', /cannot parse/],
    ['2026-01-01', /cannot parse/],
    ['2026-01-01T10:00:00', /cannot parse/], // no offset
    ['2026-01-01 10:00:00Z', /cannot parse/],
    ['2026-01-01T10:00Z', /cannot parse/],
    ['2026-01-01T10:00:00.Z', /cannot parse/],
    ['2026-01-01T10:00:00.1234567891Z', /cannot parse/], // 10 fractional digits
    ['2026-01-01T10:00:00+0530', /cannot parse/],
    ['2026-01-01T10:00:00+5:30', /cannot parse/],
    ['26-01-01T10:00:00Z', /cannot parse/],
    ['1767261600000', /cannot parse/],
    ['2026-13-01T10:00:00Z', /month out of range/],
    ['2026-00-01T10:00:00Z', /month out of range/],
    ['2026-02-30T10:00:00Z', /day out of range/],
    ['2023-02-29T10:00:00Z', /day out of range/],
    ['1900-02-29T10:00:00Z', /day out of range/],
    ['2026-04-31T10:00:00Z', /day out of range/],
    ['2026-01-01T24:00:00Z', /hour out of range/],
    ['2026-01-01T10:60:00Z', /minute out of range/],
    ['2026-01-01T10:00:60Z', /second out of range/],
    ['2026-01-01T10:00:00+24:00', /offset hour out of range/],
    ['2026-01-01T10:00:00+05:60', /offset minute out of range/],
  ])('%j', (input, message) => {
    expect(() => parseRfc3339(input)).toThrow(message);
  });
});
