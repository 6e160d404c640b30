import { describe, expect, it } from 'vitest';
import { parseTraceId } from './trace-id';

const base64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
const base64Url = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');

const FULL = '0102030405060708090a0b0c0d0e0f10';
const WITH_PLUS_SLASH = 'fbfffefbfffefbfffefbfffefbfffeff'; // base64 needs + and /

describe('parseTraceId: hex', () => {
  it.each([
    ['32 hex', FULL, FULL],
    ['upper case', '0102030405060708090A0B0C0D0E0F10', FULL],
    ['16 hex (Jaeger short form)', '0000000000000227', '00000000000000000000000000000227'],
    ['leading zeros stripped', '227', '00000000000000000000000000000227'],
    ['one character', 'a', '0000000000000000000000000000000a'],
    ['17 characters', '1ffffffffffffffff', '0000000000000001ffffffffffffffff'],
    ['surrounding spaces', ' abc ', '00000000000000000000000000000abc'],
    ['valid hex that is also base64 is hex', 'AAAAAAAAAAAAAAAAAAAAAA', '0000000000aaaaaaaaaaaaaaaaaaaaaa'],
  ])('%s: %s', (_name, input, expected) => {
    expect(parseTraceId(input)).toBe(expected);
  });
});

describe('parseTraceId: base64 (Jaeger ≥ 2.20)', () => {
  it.each([
    ['standard, padded', base64(FULL), FULL],
    ['standard, unpadded', base64(FULL).replace(/=+$/, ''), FULL],
    ['standard with + and /', base64(WITH_PLUS_SLASH), WITH_PLUS_SLASH],
    ['URL-safe, unpadded', base64Url(WITH_PLUS_SLASH), WITH_PLUS_SLASH],
    ['URL-safe, padded', `${base64Url(WITH_PLUS_SLASH)}==`, WITH_PLUS_SLASH],
    ['8 bytes → low half', base64('fbfffefbfffefbff'), '0000000000000000fbfffefbfffefbff'],
  ])('%s', (_name, input, expected) => {
    expect(input).not.toMatch(/^[0-9a-fA-F]+$/); // otherwise it is read as hex
    expect(parseTraceId(input)).toBe(expected);
  });
});

describe('parseTraceId: invalid', () => {
  it.each([
    ['empty', '', /expected 1 to 32 hex/],
    ['33 hex', '0'.repeat(32) + '1', /expected 1 to 32 hex/],
    ['not hex nor base64', 'xyz!', /expected 1 to 32 hex/],
    ['base64 of 12 bytes', base64('0102030405060708090a0b0c'), /expected 1 to 32 hex/],
    ['base64 with stray bits', 'AQIDBAUGBwgJCgsMDQ4PEB==', /expected 1 to 32 hex/],
    ['0x prefix', '0x0102', /expected 1 to 32 hex/],
    ['all-zero hex', '0', /all-zero/],
    ['all-zero 32 hex', '0'.repeat(32), /all-zero/],
    ['all-zero base64', 'AAAAAAAAAAAAAAAAAAAAAA==', /all-zero/],
  ])('%s', (_name, input, message) => {
    expect(() => parseTraceId(input)).toThrow(message);
  });
});
