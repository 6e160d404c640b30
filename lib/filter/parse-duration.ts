// Go's duration syntax (time.ParseDuration), which both TraceQL (`1.5s`, `1h30m`) and RFC 0005
// (`"2s"`, `"50us"`) use for duration constants. One home, so the doors cannot disagree on a unit.

const UNITS: Record<string, bigint> = { ns: 1n, us: 1_000n, µs: 1_000n, μs: 1_000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };

/** The unit names, for messages and completion. */
export const DURATION_UNIT_NAMES = ['ns', 'us', 'µs', 'ms', 's', 'm', 'h'] as const;

/**
 * `1.5s`, `1h30m`, `250µs`, `-2s`, `0` → nanoseconds, truncated toward zero like Go; undefined when
 * it is not a duration. The result may exceed int64; callers bound it.
 */
export const parseDuration = (text: string): bigint | undefined => {
  const sign = text.startsWith('-') ? -1n : 1n;
  const body = text.replace(/^[-+]/, '');
  if (body === '0') return 0n;
  const part = /(\d+)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0n;
  let at = 0;
  while (at < body.length) {
    part.lastIndex = at;
    const m = part.exec(body);
    if (!m) return undefined;
    const unit = UNITS[m[3]];
    const frac = m[2] ?? '';
    total += BigInt(m[1]) * unit + (frac === '' ? 0n : (BigInt(frac) * unit) / 10n ** BigInt(frac.length));
    at = part.lastIndex;
  }
  return at === 0 ? undefined : sign * total;
};
