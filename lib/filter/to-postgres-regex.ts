import type { RegexMode } from './filter-ast';

// Filters are written in RE2 syntax (Tempo's and Jaeger's) and executed by PostgreSQL's ARE
// engine. The two agree on most of the syntax but not on all of its meaning, so a pattern is read
// here once, as RE2, and either refused or rewritten into an ARE that matches exactly the same
// strings. Nothing is translated approximately except one documented case: a leading `(?i)`
// becomes PostgreSQL's `(?i)`, whose case folding agrees with RE2's for ASCII but may differ for
// a few non-ASCII letters (RE2 folds by Unicode simple folding, PostgreSQL by the database locale).
//
// Differences handled (RE2 → ARE):
//  - `.` does not match "\n" in RE2 unless (?s): written `[^\n]`.
//  - `\d \w \s` are ASCII-only in RE2, locale classes in PostgreSQL: spelled out as ranges.
//  - `\b` is a word boundary in RE2 and a backspace in PostgreSQL (and `\y` is locale-aware): refused.
//  - `\z` is PostgreSQL's `\Z`; `\xHH` / `\x{H…}` become `\u`/`\U` (PostgreSQL's `\x` eats every hex digit).
//  - `[[:alpha:]]` etc. are ASCII in RE2, locale classes in PostgreSQL: spelled out as ranges.
//  - `\Q…\E` becomes escaped literal text; named groups become plain groups.
// Refused: backreferences, lookaround, atomic groups, possessive quantifiers (none exist in RE2),
// `\p{…}` Unicode classes, `\C`, octal escapes, the flags m and U, `(?i)` anywhere but the start.

/** Constructs a door may refuse although RE2 has them (RFC 0005 refuses anchors, lazy quantifiers and inline flags). */
export type RegexFeature = 'anchor' | 'lazy' | 'flag';

export type RegexResult =
  | { ok: true; pattern: string; caseInsensitive: boolean; features: { feature: RegexFeature; index: number }[] }
  | { ok: false; message: string; index: number };

const ASCII_CLASSES: Record<string, [number, number][]> = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  ascii: [[0x00, 0x7f]],
  blank: [[0x09, 0x09], [0x20, 0x20]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  space: [[0x09, 0x0d], [0x20, 0x20]],
  upper: [[0x41, 0x5a]],
  word: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a], [0x5f, 0x5f]],
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};
// RE2's Perl classes (ASCII): \s is [\t\n\f\r ], without \v.
const PERL_CLASSES: Record<string, [number, number][]> = {
  d: ASCII_CLASSES.digit,
  w: ASCII_CLASSES.word,
  s: [[0x09, 0x0a], [0x0c, 0x0d], [0x20, 0x20]],
};

const MAX_REPEAT = 1000; // RE2's bound on {n,m}

const hex = (cp: number) => (cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\U${cp.toString(16).padStart(8, '0')}`);
const isAlnum = (cp: number) => (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
/** One character as an ARE atom: letters and digits as themselves, everything else as a code escape (safe in and out of brackets). */
const literal = (cp: number) => (isAlnum(cp) || cp > 0x7f ? String.fromCodePoint(cp) : cp === 0x20 || cp === 0x5f ? String.fromCodePoint(cp) : hex(cp));
const rangesText = (ranges: [number, number][]) => ranges.map(([lo, hi]) => (lo === hi ? literal(lo) : `${literal(lo)}-${literal(hi)}`)).join('');

const SIMPLE_ESCAPES: Record<string, number> = { n: 0x0a, t: 0x09, r: 0x0d, f: 0x0c, v: 0x0b, a: 0x07 };

/** Reads an RE2 pattern; returns the equivalent PostgreSQL ARE (unanchored), or what is refused and where. */
export const translateRegex = (source: string): RegexResult => {
  const cps = Array.from(source);
  // index into `source` (UTF-16) of each code point, for error positions
  const offsets: number[] = [];
  let o = 0;
  for (const c of cps) {
    offsets.push(o);
    o += c.length;
  }
  offsets.push(o);
  let i = 0;
  let out = '';
  let caseInsensitive = false;
  const features: { feature: RegexFeature; index: number }[] = [];
  const used = (feature: RegexFeature, at: number) => features.push({ feature, index: offsets[at] });
  let dotAll = false;
  const groups: boolean[] = []; // dotAll to restore when the group closes
  // whether the last thing written can take a quantifier (and whether it already has one)
  let canRepeat = false;
  let repeated = false;
  const fail = (message: string, at = i): RegexResult => ({ ok: false, message, index: offsets[Math.min(at, cps.length)] });
  const peek = (k = 0) => cps[i + k];

  /** A `\x..` escape starting after the x; returns the code point or an error message. */
  const readHex = (): number | string => {
    if (peek() === '{') {
      const end = cps.indexOf('}', i);
      if (end < 0) return 'unterminated \\x{…} escape';
      const digits = cps.slice(i + 1, end).join('');
      if (!/^[0-9a-fA-F]{1,8}$/.test(digits) || parseInt(digits, 16) > 0x10ffff) return `invalid escape \\x{${digits}}`;
      i = end + 1;
      return parseInt(digits, 16);
    }
    const digits = cps.slice(i, i + 2).join('');
    if (!/^[0-9a-fA-F]{2}$/.test(digits)) return 'invalid escape \\x: write \\xHH or \\x{H…}';
    i += 2;
    return parseInt(digits, 16);
  };

  /** An escape inside a bracket class: code point ranges, or an error message. `i` is after the backslash. */
  const classEscape = (): [number, number][] | string => {
    const c = peek();
    if (c === undefined) return 'trailing backslash';
    i++;
    if (c in PERL_CLASSES) return PERL_CLASSES[c];
    if (c === 'D' || c === 'W' || c === 'S') return `\\${c} inside [ ] is not supported: write the class out`;
    if (c === 'x') {
      const cp = readHex();
      return typeof cp === 'string' ? cp : [[cp, cp]];
    }
    if (c in SIMPLE_ESCAPES) return [[SIMPLE_ESCAPES[c], SIMPLE_ESCAPES[c]]];
    if (c === 'p' || c === 'P') return 'Unicode classes \\p{…} are not supported';
    if (/[0-9]/.test(c)) return 'octal escapes are not supported: write \\x{…}';
    if (/[A-Za-z]/.test(c)) return `invalid escape \\${c}`;
    const cp = c.codePointAt(0)!;
    return [[cp, cp]];
  };

  const readClass = (): string | RegexResult => {
    const start = i;
    i++; // [
    let negated = false;
    if (peek() === '^') {
      negated = true;
      i++;
    }
    const ranges: [number, number][] = [];
    let first = true;
    for (;;) {
      const c = peek();
      if (c === undefined) return fail('missing closing ]', start);
      if (c === ']' && !first) {
        i++;
        break;
      }
      first = false;
      let item: [number, number][];
      if (c === '[' && peek(1) === ':') {
        const end = cps.indexOf(']', i);
        const text = end < 0 ? '' : cps.slice(i, end + 1).join('');
        const m = /^\[:(\^?)([a-z]+):\]$/.exec(text);
        if (!m || !(m[2] in ASCII_CLASSES)) return fail(`invalid character class ${text || '[:'}`);
        if (m[1]) return fail(`negated class [:^${m[2]}:] is not supported`);
        item = ASCII_CLASSES[m[2]];
        i = end + 1;
      } else if (c === '\\') {
        const at = i;
        i++;
        const r = classEscape();
        if (typeof r === 'string') return fail(r, at);
        item = r;
      } else {
        i++;
        const cp = c.codePointAt(0)!;
        item = [[cp, cp]];
      }
      // a range a-z (a trailing '-' is a literal)
      if (item.length === 1 && item[0][0] === item[0][1] && peek() === '-' && peek(1) !== undefined && peek(1) !== ']') {
        const at = i;
        i++;
        let hi: number;
        if (peek() === '\\') {
          i++;
          const r = classEscape();
          if (typeof r === 'string') return fail(r, at);
          if (r.length !== 1 || r[0][0] !== r[0][1]) return fail('invalid character class range', at);
          hi = r[0][0];
        } else {
          hi = peek()!.codePointAt(0)!;
          i++;
        }
        if (hi < item[0][0]) return fail('invalid character class range', at);
        item = [[item[0][0], hi]];
      }
      ranges.push(...item);
    }
    return `[${negated ? '^' : ''}${rangesText(ranges)}]`;
  };

  /** `{n}`, `{n,}`, `{n,m}` at i, or undefined when the brace is a literal (as RE2 reads it). */
  const readRepeat = (): { text: string; end: number; min: number; max?: number } | undefined => {
    const rest = cps.slice(i, i + 24).join('');
    const m = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    if (!m) return undefined;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? undefined : Number(m[3]);
    return { text: m[0], end: i + Array.from(m[0]).length, min, max };
  };

  while (i < cps.length) {
    const c = cps[i];
    if (c === '\\') {
      const at = i;
      const e = cps[i + 1];
      if (e === undefined) return fail('trailing backslash');
      i += 2;
      if (/[1-9]/.test(e) || e === 'k') return fail('backreferences are not supported (RE2)', at);
      if (e === '0') return fail('octal escapes are not supported: write \\x{…}', at);
      if (e in PERL_CLASSES) out += `[${rangesText(PERL_CLASSES[e])}]`;
      else if (e === 'D' || e === 'W' || e === 'S') out += `[^${rangesText(PERL_CLASSES[e.toLowerCase()])}]`;
      else if (e === 'b' || e === 'B') return fail(`word boundaries (\\${e}) are not supported: PostgreSQL's differ from RE2's`, at);
      else if (e === 'A') {
        used('anchor', at);
        out += '\\A';
      } else if (e === 'z') {
        used('anchor', at);
        out += '\\Z';
      }
      else if (e === 'x') {
        const cp = readHex();
        if (typeof cp === 'string') return fail(cp, at);
        out += literal(cp);
      } else if (e in SIMPLE_ESCAPES) out += literal(SIMPLE_ESCAPES[e]);
      else if (e === 'p' || e === 'P') return fail('Unicode classes \\p{…} are not supported', at);
      else if (e === 'Q') {
        let text = '';
        while (i < cps.length && !(cps[i] === '\\' && cps[i + 1] === 'E')) text += literal(cps[i++].codePointAt(0)!);
        if (i < cps.length) i += 2;
        if (text === '') {
          canRepeat = false;
          continue;
        }
        out += text;
      } else if (e === 'C') return fail('\\C (any byte) is not supported', at);
      else if (/[A-Za-z0-9]/.test(e)) return fail(`invalid escape \\${e}`, at);
      else out += literal(e.codePointAt(0)!);
      canRepeat = e !== 'A' && e !== 'z';
      repeated = false;
      continue;
    }
    if (c === '(') {
      const at = i;
      if (cps[i + 1] === '?') {
        const rest = cps.slice(i + 2, i + 12).join('');
        if (rest.startsWith('=') || rest.startsWith('!') || rest.startsWith('<=') || rest.startsWith('<!')) {
          return fail('lookaround assertions are not supported (RE2)', at);
        }
        if (rest.startsWith('>')) return fail('atomic groups are not supported (RE2)', at);
        if (rest.startsWith('P=') || rest.startsWith('P>')) return fail('backreferences are not supported (RE2)', at);
        const named = /^P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest + cps.slice(i + 12, i + 80).join(''));
        if (named) {
          i += 2 + Array.from(named[0]).length;
          groups.push(dotAll);
          out += '(';
          canRepeat = false;
          continue;
        }
        if (rest.startsWith(':')) {
          i += 3;
          groups.push(dotAll);
          out += '(?:';
          canRepeat = false;
          continue;
        }
        const flags = /^(-?[a-zA-Z]*|[a-zA-Z]+-[a-zA-Z]*)([:)])/.exec(rest);
        if (!flags) return fail('invalid or unsupported group syntax (?…', at);
        used('flag', at);
        let on = true;
        let s: boolean | undefined;
        for (const f of flags[1]) {
          if (f === '-') on = false;
          else if (f === 's') s = on;
          else if (f === 'i' && on && at === 0 && flags[2] === ')' && flags[1] === 'i') caseInsensitive = true;
          else if (f === 'i') return fail('the flag (?i) is supported only at the very start of the pattern', at);
          else if (f === 'm' || f === 'U') return fail(`the flag ${f} is not supported`, at);
          else return fail(`invalid flag ${f}`, at);
        }
        i += 2 + Array.from(flags[0]).length;
        if (flags[2] === ':') {
          groups.push(dotAll);
          out += '(?:';
          canRepeat = false;
        } else {
          // a bare flag group is not something to repeat
          canRepeat = false;
        }
        if (s !== undefined) dotAll = s;
        continue;
      }
      i++;
      groups.push(dotAll);
      out += '(';
      canRepeat = false;
      continue;
    }
    if (c === ')') {
      if (groups.length === 0) return fail('unexpected )');
      dotAll = groups.pop()!;
      i++;
      out += ')';
      canRepeat = true;
      repeated = false;
      continue;
    }
    if (c === '[') {
      const r = readClass();
      if (typeof r !== 'string') return r;
      out += r;
      canRepeat = true;
      repeated = false;
      continue;
    }
    if (c === '*' || c === '+' || c === '?' || (c === '{' && readRepeat())) {
      const at = i;
      if (!canRepeat) return fail(repeated ? 'invalid nested repetition operator' : 'missing argument to repetition operator', at);
      if (c === '{') {
        const r = readRepeat()!;
        if (r.min > MAX_REPEAT || (r.max ?? 0) > MAX_REPEAT) return fail(`repetition count over ${MAX_REPEAT}`, at);
        if (r.max !== undefined && r.max < r.min) return fail('invalid repetition range', at);
        out += r.text;
        i = r.end;
      } else {
        out += c;
        i++;
      }
      if (cps[i] === '?') {
        used('lazy', i);
        out += '?';
        i++;
      } else if (cps[i] === '+') return fail('possessive quantifiers are not supported (RE2)', i);
      canRepeat = false;
      repeated = true;
      continue;
    }
    i++;
    repeated = false;
    if (c === '|') {
      out += '|';
      canRepeat = false;
    } else if (c === '^' || c === '$') {
      used('anchor', i - 1);
      out += c;
      canRepeat = false;
    } else if (c === '.') {
      out += dotAll ? '.' : `[^${literal(0x0a)}]`;
      canRepeat = true;
    } else {
      out += literal(c.codePointAt(0)!);
      canRepeat = true;
    }
  }
  if (groups.length > 0) return fail('missing closing )', cps.length);
  return { ok: true, pattern: out, caseInsensitive, features };
};

/**
 * The PostgreSQL ARE (for `~`) that matches exactly what the RE2 `pattern` matches: anchored to
 * the whole value for mode 'whole' (TraceQL), anywhere for 'anywhere' (RFC 0005). Throws on a
 * pattern validateFilter refuses (the executor only ever sees validated filters).
 */
export const toPostgresRegex = (pattern: string, mode: RegexMode): string => {
  const r = translateRegex(pattern);
  if (!r.ok) throw new Error(`invalid regular expression: ${r.message}`);
  const body = mode === 'whole' ? `^(?:${r.pattern})$` : r.pattern;
  return r.caseInsensitive ? `(?i)${body}` : body;
};
