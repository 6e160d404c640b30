// Colour classes for TraceQL text in the query box: a display-only tokenizer (the parser in
// lib/filter/parse-traceql.ts decides what is valid; this only has to cover every character, so
// the highlighted copy lines up with the text underneath, even for text that does not parse).

export type TraceqlTokenKind = 'attribute' | 'intrinsic' | 'string' | 'number' | 'keyword' | 'operator' | 'brace' | 'text';

export type TraceqlToken = { kind: TraceqlTokenKind; start: number; end: number };

const RULES: [TraceqlTokenKind, RegExp][] = [
  ['string', /"(?:[^"\\]|\\.)*"?|`[^`]*`?/y],
  ['attribute', /(?:span|resource|scope|instrumentation|event|link)?\.(?:"(?:[^"\\]|\\.)*"?|[^\s{}()=~!<>&|^,"]+)/y],
  ['number', /-?\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h)?\b/y],
  ['intrinsic', /(?:span|trace|event|link|instrumentation):[A-Za-z]+|\b(?:name|status|kind|duration|statusMessage|traceDuration|rootName|rootServiceName)\b/y],
  ['keyword', /\b(?:true|false|nil|error|ok|unset|unspecified|internal|server|client|producer|consumer|count|avg|min|max|sum|select|by)\b/y],
  ['operator', /&&|\|\||!=|=~|!~|>=|<=|>>|<<|[=<>~!|,]/y],
  ['brace', /[{}()]/y],
];

/** Tokens covering `text` end to end (whitespace and unknown characters are `text`). */
export const highlightTraceql = (text: string): TraceqlToken[] => {
  const tokens: TraceqlToken[] = [];
  let i = 0;
  let plainStart = -1;
  const flushPlain = () => {
    if (plainStart !== -1) tokens.push({ kind: 'text', start: plainStart, end: i });
    plainStart = -1;
  };
  outer: while (i < text.length) {
    for (const [kind, re] of RULES) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (m !== null && m[0].length > 0) {
        flushPlain();
        tokens.push({ kind, start: i, end: i + m[0].length });
        i += m[0].length;
        continue outer;
      }
    }
    if (plainStart === -1) plainStart = i;
    i++;
  }
  flushPlain();
  return tokens;
};
