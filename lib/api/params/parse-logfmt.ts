import { type TagFilter } from '@/lib/model/trace-query';
import { checkName, checkTagCount, checkText } from './check-query-params';
import { QueryParamError } from './query-param-error';

// The attributes box speaks logfmt, as jaeger-ui's does: `http.status_code=500 error=true
// http.route="/cart/{id}"`. It maps onto exactly the TagFilter[] that Jaeger's `tags` JSON gives
// (lib/api/params/parse-v1-search.ts), so both search the same way. A bare key means `key=true`
// (logfmt's rule), so `error` alone finds failing spans.

const TOKEN_RE = /\s*([^\s=]+)(?:=("(?:[^"\\]|\\.)*"|[^\s"]*))?\s*/y;

/** Parses logfmt into tag filters, later keys winning (as in Jaeger); throws QueryParamError on bad input. */
export const parseLogfmt = (text: string, param = 'tags'): TagFilter[] => {
  const tags = new Map<string, string>();
  TOKEN_RE.lastIndex = 0;
  let rest = text.trim();
  while (rest !== '') {
    TOKEN_RE.lastIndex = 0;
    const m = TOKEN_RE.exec(rest);
    if (m === null || m[0] === '') {
      throw new QueryParamError(param, `malformed '${param}' parameter: cannot read logfmt near ${JSON.stringify(rest.slice(0, 20))}`);
    }
    const [whole, key, raw] = m;
    if (raw === '' && rest.slice(whole.length).startsWith('"')) {
      throw new QueryParamError(param, `malformed '${param}' parameter: the value of '${key}' opens a quote that is never closed`);
    }
    if (key.includes('"')) throw new QueryParamError(param, `malformed '${param}' parameter: a key cannot contain quotes: ${key}`);
    let value = raw === undefined ? 'true' : raw;
    if (value.startsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        throw new QueryParamError(param, `malformed '${param}' parameter: bad quoted value ${value}`);
      }
    }
    tags.set(checkName(key, param), checkText(value, param)); // a quoted value may decode `\u0000`
    checkTagCount(tags.size, param);
    rest = rest.slice(whole.length);
  }
  return [...tags].map(([key, value]) => ({ key, value }));
};
