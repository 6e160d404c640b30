import { jsonResponse } from '@/lib/api/json-response';
import { QueryParamError } from '@/lib/api/params/query-param-error';
import { listTagNames, type TagScope } from '@/lib/store/read/list-tag-names';
import { ATTRIBUTE_SCOPES, INTRINSIC_TAGS } from './tag-catalogue';
import { parsePositiveInt, parseTimeWindow } from './parse-tempo-params';

// GET /api/search/tags and /api/v2/search/tags: the attribute keys seen recently, by scope.
//   v1: {"tagNames":[…], "metrics":{}}: span and resource keys, or one `scope`'s.
//   v2: {"scopes":[{"name","tags":[…]}], "metrics":{}}: every scope (span, resource, event, link,
//       instrumentation, intrinsic), or one; `none` is TraceQL's unscoped `.key` (span or resource keys).
// `q` (v2) narrows the keys to the service the query names; a query that does not parse is
// ignored, as Tempo ignores it ("you'll see the whole list").

export type TagsVersion = 'v1' | 'v2';

const SCOPES = ['span', 'resource', 'event', 'link', 'instrumentation', 'intrinsic', 'none', 'all'] as const;
type ScopeParam = (typeof SCOPES)[number];

const DEFAULT_LIMIT = 5000; // Grafana asks for 5000 (TAGS_LIMIT)
const MAX_LIMIT = 10_000;

export type TagsRequest = { params: URLSearchParams; version: TagsVersion; serviceName?: string };

const readScope = (params: URLSearchParams): ScopeParam => {
  const raw = params.get('scope') ?? '';
  if (raw === '') return 'all';
  if (!(SCOPES as readonly string[]).includes(raw)) {
    throw new QueryParamError('scope', `invalid scope "${raw}": expected one of ${SCOPES.join(', ')}`);
  }
  return raw as ScopeParam;
};

const union = (...lists: (string[] | undefined)[]) => [...new Set(lists.flatMap((l) => l ?? []))].sort();

export const answerTags = async ({ params, version, serviceName }: TagsRequest): Promise<Response> => {
  const scope = readScope(params);
  const limit = parsePositiveInt(params, 'limit', DEFAULT_LIMIT, MAX_LIMIT);
  const window = parseTimeWindow(params) ?? { startNs: 0n, endNs: 2n ** 63n - 1n };
  const attributeScopes: TagScope[] =
    scope === 'all'
      ? version === 'v1'
        ? ['span', 'resource']
        : [...ATTRIBUTE_SCOPES]
      : scope === 'none'
        ? ['span', 'resource']
        : scope === 'intrinsic'
          ? []
          : [scope];
  const keys = await listTagNames({ scopes: attributeScopes, limit, serviceName, ...window });
  const metrics = {};
  if (version === 'v1') {
    const tagNames = scope === 'intrinsic' ? [...INTRINSIC_TAGS] : union(...attributeScopes.map((s) => keys.get(s)));
    return jsonResponse({ tagNames: tagNames.slice(0, limit), metrics });
  }
  const scopes: { name: string; tags: string[] }[] =
    scope === 'none'
      ? [{ name: 'none', tags: union(keys.get('span'), keys.get('resource')).slice(0, limit) }]
      : attributeScopes.map((s) => ({ name: s, tags: keys.get(s) ?? [] }));
  if (scope === 'all' || scope === 'intrinsic') scopes.push({ name: 'intrinsic', tags: [...INTRINSIC_TAGS] });
  return jsonResponse({ scopes, metrics });
};
