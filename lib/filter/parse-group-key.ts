import type { Intrinsic, Operand } from './filter-ast';
import { INTRINSIC_BY_TRACEQL, SCOPE_BY_PREFIX } from './traceql-names';

// A group-by key of the span analytics, spelled as TraceQL spells the field (traceql-names.ts):
// an intrinsic (`name`, `span:name`, `resource.service.name`, `kind`, `status`, `statusMessage`,
// and the words `service` and `operation`), a span attribute `span.x`, a resource attribute
// `resource.x`, or an unscoped `.x` (the span's value, else its resource's).

/** The intrinsics a span can be grouped by: one value per span, few distinct values. */
export const GROUPABLE_INTRINSICS: readonly Intrinsic[] = ['name', 'service', 'kind', 'status', 'statusMessage', 'scopeName', 'scopeVersion'];

const ALIASES: ReadonlyMap<string, Intrinsic> = new Map<string, Intrinsic>([
  ['service', 'service'],
  ['resource.service.name', 'service'],
  ['operation', 'name'],
]);

/** The field a group-by key names, or why it names none. */
export const parseGroupKey = (text: string): { ok: true; operand: Operand } | { ok: false; message: string } => {
  const key = text.trim();
  const intrinsic = ALIASES.get(key) ?? INTRINSIC_BY_TRACEQL.get(key);
  if (intrinsic) {
    if (!GROUPABLE_INTRINSICS.includes(intrinsic)) return { ok: false, message: `cannot group by ${key}: group by ${GROUPABLE_INTRINSICS.join(', ')} or an attribute` };
    return { ok: true, operand: { kind: 'intrinsic', name: intrinsic } };
  }
  if (key.startsWith('.') && key.length > 1) return { ok: true, operand: { kind: 'attribute', scope: 'unscoped', key: key.slice(1) } };
  const dot = key.indexOf('.');
  const scope = dot > 0 ? SCOPE_BY_PREFIX.get(key.slice(0, dot)) : undefined;
  if (scope === 'span' || scope === 'resource') {
    const name = key.slice(dot + 1);
    if (name !== '') return { ok: true, operand: { kind: 'attribute', scope, key: name } };
  }
  if (scope === 'event' || scope === 'link') return { ok: false, message: `cannot group by ${key}: a span has many ${scope}s` };
  return { ok: false, message: `cannot group by ${JSON.stringify(key)}: name an intrinsic (${GROUPABLE_INTRINSICS.join(', ')}), span.<key>, resource.<key> or .<key>` };
};
