import { checkName, checkTagCount, checkText } from './check-query-params';
import { QueryParamError } from './query-param-error';

// A JSON tag map (`tags` in v1, `query.attributes` in api_v3), e.g. {"http.status_code":"500","error":"true"}.
// Jaeger itself only takes string values; we also take numbers and booleans, converted to the
// string form a stored value is compared by (123 → "123", 72.5 → "72.5", true → "true"),
// because hand-written requests and Jaeger's own storage fixtures use typed values.

const TOKEN_RE = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\S/g;
const INTEGER_LITERAL_RE = /^-?\d+$/;

// JSON.parse rounds integers beyond 2^53; recover their digits from the text. The tokenizer
// consumes whole strings, so digits inside a string value are never mistaken for a number.
const rawIntegerLiterals = (text: string): Map<string, string> => {
  const literals = new Map<string, string>();
  const tokens = text.match(TOKEN_RE) ?? [];
  for (let i = 2; i < tokens.length; i++) {
    if (tokens[i - 1] === ':' && tokens[i - 2].startsWith('"') && INTEGER_LITERAL_RE.test(tokens[i])) {
      literals.set(JSON.parse(tokens[i - 2]) as string, tokens[i]);
    }
  }
  return literals;
};

/** Parses one JSON tag map into [key, string value] pairs; throws QueryParamError naming `param`. */
export const parseTagsJson = (text: string, param: string): [string, string][] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const reason = (err as Error).message;
    throw new QueryParamError(param, `malformed '${param}' parameter, cannot unmarshal JSON: ${reason}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new QueryParamError(param, `malformed '${param}' parameter: expected a JSON object such as {"key":"value"}`);
  }

  const entries = Object.entries(parsed);
  checkTagCount(entries.length, param);
  let literals: Map<string, string> | undefined;
  return entries.map(([key, value]): [string, string] => {
    if (key === '') throw new QueryParamError(param, `malformed '${param}' parameter: a tag key is empty`);
    // JSON escapes reach text the query string could not carry: `\u0000`, a lone `\ud800`
    checkName(key, param);
    if (typeof value === 'string') return [key, checkText(value, param)];
    if (typeof value === 'boolean') return [key, String(value)];
    if (typeof value === 'number') {
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
        literals ??= rawIntegerLiterals(text);
        const literal = literals.get(key);
        if (literal !== undefined) return [key, BigInt(literal).toString()];
      }
      return [key, String(value)];
    }
    throw new QueryParamError(
      param,
      `malformed '${param}' parameter: the value of '${key}' must be a string, number or boolean`,
    );
  });
};
