import type { SpanCondition, TraceFilter } from '@/lib/filter/filter-ast';
import { parseGoDuration } from '@/lib/api/params/parse-go-duration';
import { parseLogfmt } from '@/lib/api/params/parse-logfmt';
import { QueryParamError } from '@/lib/api/params/query-param-error';

// Tempo's tag-based search (`tags`, `minDuration`, `maxDuration`; what Grafana sent before TraceQL)
// as the same TraceFilter a TraceQL query becomes, so it runs on the one engine.
//  - `tags` is logfmt; Tempo documents each value as "matched as a case-insensitive substring", so
//    a tag is a case-insensitive regular expression around the escaped value, on the span's
//    attribute or its resource's (unscoped); a number or bool value also matches that typed value.
//    `service.name` is the span's service, `name` its name. All tags hold on one span.
//  - `minDuration`/`maxDuration` (Go durations) bound the trace's duration, as Tempo documents them.

/** The value as a regular expression matching it in any case: letters as `[aA]` (portable, unlike `(?i)`), the rest escaped. */
const caseInsensitive = (s: string) =>
  Array.from(s, (c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : /[\\^$.*+?()[\]{}|]/.test(c) ? `\\${c}` : c)).join('');

const tagCondition = (key: string, value: string): SpanCondition => {
  const pattern = `.*${caseInsensitive(value)}.*`;
  const operand =
    key === 'service.name'
      ? ({ kind: 'intrinsic', name: 'service' } as const)
      : key === 'name'
        ? ({ kind: 'intrinsic', name: 'name' } as const)
        : ({ kind: 'attribute', scope: 'unscoped', key } as const);
  const substring: SpanCondition = { kind: 'regex', operand, pattern, mode: 'whole', negated: false };
  if (operand.kind === 'intrinsic') return substring;
  const typed: SpanCondition[] = [];
  if (/^-?\d{1,18}$/.test(value)) typed.push({ kind: 'compare', operand, op: '=', value: { type: 'int', value: BigInt(value) } });
  if (value === 'true' || value === 'false') typed.push({ kind: 'compare', operand, op: '=', value: { type: 'bool', value: value === 'true' } });
  return typed.length === 0 ? substring : { kind: 'or', args: [substring, ...typed] };
};

const duration = (params: URLSearchParams, name: string): bigint | undefined => {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  try {
    return parseGoDuration(raw);
  } catch (err) {
    throw new QueryParamError(name, `invalid ${name}: ${(err as Error).message}`);
  }
};

/** The filter of a tag-based search, or undefined when none of its parameters is given. */
export const legacySearchFilter = (params: URLSearchParams): TraceFilter | undefined => {
  const tags = params.get('tags') ?? '';
  const min = duration(params, 'minDuration');
  const max = duration(params, 'maxDuration');
  if (tags.trim() === '' && min === undefined && max === undefined) return undefined;
  if (min !== undefined && max !== undefined && max < min) throw new QueryParamError('maxDuration', 'invalid maxDuration: it is less than minDuration');
  const traceDuration = { kind: 'intrinsic', name: 'traceDuration' } as const;
  const args: SpanCondition[] = [
    ...parseLogfmt(tags, 'tags').map(({ key, value }) => tagCondition(key, value)),
    ...(min !== undefined ? [{ kind: 'compare', operand: traceDuration, op: '>=', value: { type: 'duration', value: min } } as const] : []),
    ...(max !== undefined ? [{ kind: 'compare', operand: traceDuration, op: '<=', value: { type: 'duration', value: max } } as const] : []),
  ];
  return { root: { kind: 'spans', where: args.length === 1 ? args[0] : { kind: 'and', args } } };
};
