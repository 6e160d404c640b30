import { jsonResponse } from '@/lib/api/json-response';
import { parsePositiveInt, parseTimeWindow } from './parse-tempo-params';
import { listValuesOfTag } from './list-values-of-tag';

// GET /api/search/tag/{tag}/values and /api/v2/search/tag/{tag}/values: the values a tag had
// recently.
//   v1: {"tagValues":["a","b"], "metrics":{}} for a plain attribute name (`service.name`).
//   v2: {"tagValues":[{"type":"string","value":"a"}, …], "metrics":{}} for a TraceQL identifier
//       (`resource.service.name`, `.http.method`, `status`); enum intrinsics answer keywords.
// `q` narrows the values to the service the query names (the route resolves it).

export type TagValuesVersion = 'v1' | 'v2';

const DEFAULT_LIMIT = 1000;
const MAX_LIMIT = 5000;

export type TagValuesRequest = { params: URLSearchParams; tag: string; version: TagValuesVersion; serviceName?: string };

/** The tag from the path: Grafana encodes it twice (encodeURIComponent ∘ encodeURIComponent), Next decodes once. */
export const decodeTagSegment = (segment: string): string => {
  let tag = segment;
  for (let i = 0; i < 2 && /%[0-9a-fA-F]{2}/.test(tag); i++) {
    try {
      tag = decodeURIComponent(tag);
    } catch {
      break;
    }
  }
  return tag;
};

export const answerTagValues = async ({ params, tag, version, serviceName }: TagValuesRequest): Promise<Response> => {
  const limit = parsePositiveInt(params, 'limit', DEFAULT_LIMIT, MAX_LIMIT);
  const window = parseTimeWindow(params) ?? { startNs: 0n, endNs: 2n ** 63n - 1n };
  const { values } = await listValuesOfTag({ tag, traceql: version === 'v2', limit, serviceName, ...window });
  const metrics = {};
  if (version === 'v1') return jsonResponse({ tagValues: [...new Set(values.map((v) => v.value))], metrics });
  return jsonResponse({ tagValues: values.map(({ type, value }) => ({ type, value })), metrics });
};
