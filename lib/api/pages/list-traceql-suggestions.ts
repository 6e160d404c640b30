import { QueryParamError } from '@/lib/api/params/query-param-error';
import { listValuesOfTag } from '@/lib/api/tempo/list-values-of-tag';
import { listTagNames, type TagScope } from '@/lib/store/read/list-tag-names';
import { MAX_SUGGESTED_VALUES, SUGGESTION_SCOPES, type SuggestionScope, type TraceqlKeysAnswer, type TraceqlValuesAnswer } from './traceql-suggestion-answers';

// The query box's suggestions, from what was stored: the same bounded readers as Tempo's tag
// endpoints (lib/store/read/list-tag-names.ts, list-tag-values.ts), scoped to the service the
// query names, values capped at MAX_SUGGESTED_VALUES so a high-cardinality key (ids, URLs)
// offers its most frequent values and says there are more.

const ALL_TIME = { startNs: 0n, endNs: 2n ** 63n - 1n };
const MAX_KEYS = 500;

const STORE_SCOPES: Record<SuggestionScope, TagScope[]> = {
  span: ['span'],
  resource: ['resource'],
  event: ['event'],
  link: ['link'],
  scope: ['instrumentation'],
  unscoped: ['span', 'resource'],
};

const readService = (params: URLSearchParams) => params.get('service') || undefined;

/** GET /api/ui/traceql/keys?scope=&service=: the attribute keys of one scope. */
export const listTraceqlKeys = async (params: URLSearchParams): Promise<TraceqlKeysAnswer> => {
  const scope = params.get('scope') ?? 'unscoped';
  if (!(SUGGESTION_SCOPES as readonly string[]).includes(scope)) {
    throw new QueryParamError('scope', `parameter 'scope' must be one of ${SUGGESTION_SCOPES.join(', ')}; got "${scope}"`);
  }
  const scopes = STORE_SCOPES[scope as SuggestionScope];
  const found = await listTagNames({ scopes, limit: MAX_KEYS, serviceName: readService(params), ...ALL_TIME });
  return { keys: [...new Set(scopes.flatMap((s) => found.get(s) ?? []))].sort() };
};

/** the longest narrowing text (`q`) the values endpoint takes: a typed value, not a payload */
const MAX_NARROWING = 200;

/**
 * GET /api/ui/traceql/values?tag=&service=&q=: the values of one TraceQL identifier (`span.http.method`,
 * `.region`, `name`, `status`), only those containing `q` when given (a key with more values than
 * are offered at once, narrowed by what was typed).
 */
export const listTraceqlValues = async (params: URLSearchParams): Promise<TraceqlValuesAnswer> => {
  const tag = params.get('tag') ?? '';
  if (tag === '') throw new QueryParamError('tag', "parameter 'tag' is required");
  const q = params.get('q') ?? '';
  if (q.length > MAX_NARROWING) throw new QueryParamError('q', `parameter 'q' is at most ${MAX_NARROWING} characters; got ${q.length}`);
  const { values, more } = await listValuesOfTag({
    tag, traceql: true, limit: MAX_SUGGESTED_VALUES, serviceName: readService(params), ...ALL_TIME, ...(q !== '' && { contains: q }),
  });
  return { values, capped: more };
};
