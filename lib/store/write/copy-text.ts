// PostgreSQL COPY text format: columns split by tab, rows by newline, \N for NULL, and
// backslash, tab, newline and carriage return escaped with a backslash.
// https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.2

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** Escapes a text value for COPY text format. */
export const copyText = (s: string): string =>
  NEEDS_ESCAPE.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;

/**
 * Serializes a value as JSON for a jsonb column in COPY text format. JSON.stringify already
 * escapes control characters, so only backslashes need doubling.
 */
export const copyJson = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s.includes('\\') ? s.replaceAll('\\', '\\\\') : s;
};

/** A bytea value from lower-case hex, in COPY text format (the hex input form, backslash escaped). */
export const copyBytea = (hex: string): string => `\\\\x${hex}`;

export const COPY_NULL = '\\N';
