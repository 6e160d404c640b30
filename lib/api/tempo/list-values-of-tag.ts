import { listTagValues, type TagValue } from '@/lib/store/read/list-tag-values';
import { resolveTag } from './tag-catalogue';

// The values of one tag, from every place it lives (an unscoped key: the span's and the resource's),
// merged and ranked by frequency. Shared by Tempo's tag values and the query box's suggestions.

export type TypedTagValue = { type: string; value: string };

export type ListValuesOfTagOptions = { tag: string; traceql: boolean; serviceName?: string; startNs: bigint; endNs: bigint; limit: number; contains?: string };

/** At most `limit` values, and whether more were seen. */
export const listValuesOfTag = async ({ tag, traceql, limit, ...window }: ListValuesOfTagOptions): Promise<{ values: TypedTagValue[]; more: boolean }> => {
  const resolved = resolveTag(tag, traceql);
  if (resolved.kind === 'keywords') return { values: resolved.values.map((value) => ({ type: 'keyword', value })), more: false };
  // (keywords are few: the box narrows them itself)
  if (resolved.kind === 'none') return { values: [], more: false };
  const merged = new Map<string, TagValue>();
  for (const source of resolved.sources) {
    for (const v of await listTagValues({ source, limit: limit + 1, ...window })) {
      const id = `${v.type}:${v.value}`;
      const seen = merged.get(id);
      if (seen) seen.count += v.count;
      else merged.set(id, { ...v });
    }
  }
  const ranked = [...merged.values()].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return { values: ranked.slice(0, limit).map(({ type, value }) => ({ type, value })), more: ranked.length > limit };
};
