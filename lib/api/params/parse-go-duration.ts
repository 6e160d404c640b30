import { MAX_INT64 } from '@/lib/model/conventions';

// Go's time.ParseDuration, re-implemented exactly (jaeger's minDuration/maxDuration and the
// api_v3 query.durationMin/Max are parsed with it): a sequence of decimal numbers, each with an
// optional fraction and a unit, e.g. "300ms", "1.5h", "2h45m"; a lone "0" needs no unit.
// Error messages copy Go's so a client sees what Jaeger would have told it.

// a Map, not an object literal: a unit like "constructor" must miss
const NS_PER_UNIT = new Map<string, bigint>([
  ['ns', 1n],
  ['us', 1_000n],
  ['\u00b5s', 1_000n], // µ, micro sign
  ['\u03bcs', 1_000n], // μ, Greek mu
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);

const quote = (s: string): string => JSON.stringify(s);

const TERM_RE = /^(\d*)(?:\.(\d*))?([^\d.]*)/;

/** Parses a Go duration string to nanoseconds; throws on anything Go would reject, and on negative durations. */
export const parseGoDuration = (input: string): bigint => {
  const invalid = () => new Error(`time: invalid duration ${quote(input)}`);
  let s = input;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();

  let totalNs = 0n;
  while (s !== '') {
    const m = TERM_RE.exec(s)!;
    const [whole, intDigits, fracDigits = '', unit] = m;
    if (intDigits === '' && fracDigits === '') throw invalid(); // e.g. ".s", "s", "1..s"
    if (unit === '') throw new Error(`time: missing unit in duration ${quote(input)}`);
    const perUnit = NS_PER_UNIT.get(unit);
    if (perUnit === undefined) throw new Error(`time: unknown unit ${quote(unit)} in duration ${quote(input)}`);

    // exact: the fraction is scaled by the unit before truncating to whole nanoseconds
    let termNs = BigInt(intDigits || '0') * perUnit;
    if (fracDigits !== '') termNs += (BigInt(fracDigits) * perUnit) / 10n ** BigInt(fracDigits.length);
    totalNs += termNs;
    if (totalNs > MAX_INT64 + 1n) throw invalid();
    s = s.slice(whole.length);
  }
  if (negative && totalNs !== 0n) throw new Error(`negative duration ${quote(input)} is not allowed`);
  if (totalNs > MAX_INT64) throw invalid();
  return totalNs;
};
