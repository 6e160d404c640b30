// The logfmt token under the caret of the attributes box, for suggestions: either a key being
// typed (`http.sta|`) or the value of a key (`http.status_code=5|`).

export type CurrentToken = { start: number; end: number; key: string; value: string | undefined };

/** The whitespace-delimited token around `caret` (quotes are not tracked: suggestions are a help, not a parser). */
export const currentToken = (text: string, caret: number): CurrentToken => {
  let start = caret;
  while (start > 0 && !/\s/.test(text[start - 1])) start--;
  let end = caret;
  while (end < text.length && !/\s/.test(text[end])) end++;
  const token = text.slice(start, end);
  const eq = token.indexOf('=');
  return eq < 0
    ? { start, end, key: token, value: undefined }
    : { start, end, key: token.slice(0, eq), value: token.slice(eq + 1).replace(/^"/, '') };
};

/** A logfmt value, quoted when it holds spaces, quotes or '=' (or is empty). */
export const quoteValue = (value: string): string => (value === '' || /[\s"=]/.test(value) ? JSON.stringify(value) : value);
