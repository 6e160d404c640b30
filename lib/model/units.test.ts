import { describe, expect, it } from 'vitest';
import { DAY_NS, MS_PER_DAY, msToNs, nowNs, nsToMsNumber, nsToUs, nsToUsFractional, nsToUsNumber, usToNs } from './units';

describe('units', () => {
  it('converts to finer units exactly, beyond 2^53', () => {
    expect(usToNs(1_700_000_000_123_456n)).toBe(1_700_000_000_123_456_000n);
    expect(msToNs(1_700_000_000_123)).toBe(1_700_000_000_123_000_000n);
    expect(msToNs(5n)).toBe(5_000_000n);
    expect(DAY_NS).toBe(msToNs(MS_PER_DAY));
  });

  it('truncates toward zero when converting to a coarser whole unit', () => {
    expect(nsToUs(1_999n)).toBe(1n);
    expect(nsToUs(-1_999n)).toBe(-1n);
    expect(nsToUsNumber(1_700_000_000_123_456_789n)).toBe(1_700_000_000_123_456);
    expect(nsToUsNumber(999n)).toBe(0);
    expect(nsToMsNumber(1_999_999n)).toBe(1);
  });

  it('keeps the fraction in nsToUsFractional', () => {
    expect(nsToUsFractional(1_500n)).toBe(1.5);
    expect(nsToUsFractional(250)).toBe(0.25);
  });

  it('refuses fractional milliseconds', () => {
    expect(() => msToNs(1.5)).toThrow(RangeError);
  });

  it('reads now in nanoseconds at millisecond resolution', () => {
    const before = BigInt(Date.now());
    const now = nowNs();
    expect(now % 1_000_000n).toBe(0n);
    expect(now / 1_000_000n >= before).toBe(true);
  });
});
