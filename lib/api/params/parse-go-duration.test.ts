import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './parse-go-duration';

describe('parseGoDuration: valid (Go time.ParseDuration)', () => {
  it.each([
    ['0', 0n],
    ['+0', 0n],
    ['-0', 0n],
    ['0s', 0n],
    ['2000ns', 2_000n],
    ['500us', 500_000n],
    ['500\u00b5s', 500_000n], // µ micro sign
    ['500\u03bcs', 500_000n], // μ Greek mu
    ['100ms', 100_000_000n],
    ['1.2s', 1_200_000_000n],
    ['1.s', 1_000_000_000n],
    ['.5s', 500_000_000n],
    ['+5s', 5_000_000_000n],
    ['1h2m3.5s', 3_723_500_000_000n],
    ['2h45m', 9_900_000_000_000n],
    ['1h1h', 7_200_000_000_000n],
    ['1.5h', 5_400_000_000_000n],
    ['0.000000001s', 1n],
    ['1.0000000009s', 1_000_000_000n], // below 1 ns: truncated, as Go does
    ['4500ns', 4_500n],
    ['9223372036854775807ns', 9_223_372_036_854_775_807n],
  ])('%s → %s ns', (input, ns) => {
    expect(parseGoDuration(input)).toBe(ns);
  });
});

describe('parseGoDuration: invalid', () => {
  it.each([
    ['', 'time: invalid duration ""'],
    ['1', 'time: missing unit in duration "1"'],
    ['10', 'time: missing unit in duration "10"'],
    ['1x', 'time: unknown unit "x" in duration "1x"'],
    ['1sec', 'time: unknown unit "sec" in duration "1sec"'],
    ['1 s', 'time: unknown unit " s" in duration "1 s"'],
    ['1S', 'time: unknown unit "S" in duration "1S"'],
    ['1constructor', 'time: unknown unit "constructor" in duration "1constructor"'],
    ['s', 'time: invalid duration "s"'],
    ['.s', 'time: invalid duration ".s"'],
    ['abc', 'time: invalid duration "abc"'],
    ['-', 'time: invalid duration "-"'],
    [' 1s', 'time: invalid duration " 1s"'],
    ['1.5.3s', 'time: missing unit in duration "1.5.3s"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['3000000h', 'time: invalid duration "3000000h"'],
    ['-1s', 'negative duration "-1s" is not allowed'],
    ['-1.5ms', 'negative duration "-1.5ms" is not allowed'],
  ])('%j → %s', (input, message) => {
    expect(() => parseGoDuration(input)).toThrow(message);
  });
});
