import { decodeValue, toStringForm, type EncodedValue, type TypedValue } from '@/lib/model/attribute-value';
import { db } from '@/lib/store/db';
import { Prisma } from '@/lib/store/generated/client';
import { storedKeyForms } from './read-dimensions';
import { recentSpansCte, serviceFilterSql, type SampleWindow } from './sample-recent-spans-sql';
import type { TagScope } from './list-tag-names';

// The values of one tag, typed, for TraceQL autocomplete (the query box, Tempo's tag values):
// attribute values from the bounded sample of recent spans or from the dimension tables, span
// names from the operations table, service names from the services table. Values longer than
// MAX_VALUE_LENGTH (payloads, SQL text) are left out: no one picks those from a list.

export type TagSource =
  | { kind: 'attribute'; scope: TagScope; key: string }
  | { kind: 'spanName' }
  | { kind: 'serviceName' }
  | { kind: 'statusMessage' };

export type ListTagValuesOptions = SampleWindow & {
  source: TagSource;
  limit: number;
  /** only values containing this text, case-insensitive (what was typed in the query box) */
  contains?: string;
};

/** Tempo's value types: string, int, float, bool. */
export type TagValueType = 'string' | 'int' | 'float' | 'bool';
export type TagValue = { type: TagValueType; value: string; count: number };

const MAX_VALUE_LENGTH = 200;

const TYPE_OF: Partial<Record<TypedValue['type'], TagValueType>> = { string: 'string', int: 'int', double: 'float', bool: 'bool' };

const encodedValues = async ({ source, serviceName, startNs, endNs, contains }: Omit<ListTagValuesOptions, 'limit'>): Promise<EncodedValue[]> => {
  // names are narrowed in SQL (their tables can hold more than the 5,000 read); sampled values below
  const like = `%${(contains ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  if (source.kind === 'spanName' || source.kind === 'serviceName') {
    const rows =
      source.kind === 'spanName'
        ? await db().$queryRaw<{ v: string }[]>`
            SELECT DISTINCT o.name AS v FROM operations o WHERE ${serviceFilterSql(serviceName, Prisma.sql`o.service_id`)} AND o.name ILIKE ${like} LIMIT 5000`
        : await db().$queryRaw<{ v: string }[]>`
            SELECT name AS v FROM services WHERE (${serviceName ?? null}::text IS NULL OR name = ${serviceName ?? null}) AND name ILIKE ${like} LIMIT 5000`;
    return rows.map((r) => r.v);
  }
  const recent = () => recentSpansCte({ serviceName, startNs, endNs });
  if (source.kind === 'statusMessage') {
    const rows = await db().$queryRaw<{ v: string }[]>`${await recent()}
      SELECT status_message AS v FROM recent WHERE status_message IS NOT NULL`;
    return rows.map((r) => r.v);
  }
  const { scope, key } = source;
  let rows: { v: EncodedValue }[];
  if (scope === 'span') {
    rows = await db().$queryRaw`${await recent()}
      SELECT attributes -> f AS v FROM recent, unnest(${await storedKeyForms(key)}::text[]) AS f WHERE (attributes -> f) IS NOT NULL`;
  } else if (scope === 'event' || scope === 'link') {
    const column = Prisma.raw(scope === 'event' ? 'events' : 'links');
    rows = await db().$queryRaw`${await recent()}
      SELECT e -> 'a' -> ${key} AS v FROM recent, jsonb_array_elements(recent.${column}) AS e
      WHERE recent.${column} IS NOT NULL AND (e -> 'a' -> ${key}) IS NOT NULL`;
  } else if (scope === 'resource') {
    rows = await db().$queryRaw`
      SELECT r.attributes -> ${key} AS v FROM resources r
      WHERE ${serviceFilterSql(serviceName, Prisma.sql`r.service_id`)} AND (r.attributes -> ${key}) IS NOT NULL LIMIT 5000`;
  } else {
    rows = await db().$queryRaw`SELECT sc.attributes -> ${key} AS v FROM scopes sc WHERE (sc.attributes -> ${key}) IS NOT NULL LIMIT 5000`;
  }
  return rows.map((r) => r.v);
};

/** Distinct typed values of a tag, most frequent first, at most `limit`. */
export const listTagValues = async ({ limit, ...options }: ListTagValuesOptions): Promise<TagValue[]> => {
  const counts = new Map<string, TagValue>();
  const contains = options.contains?.toLowerCase() ?? '';
  for (const encoded of await encodedValues(options)) {
    const typed = decodeValue(encoded);
    const type = TYPE_OF[typed.type];
    if (type === undefined) continue; // arrays, maps, bytes: TraceQL has no literal for them
    const value = toStringForm(typed);
    if (value.length > MAX_VALUE_LENGTH) continue;
    if (contains !== '' && !value.toLowerCase().includes(contains)) continue;
    const id = `${type}:${value}`;
    const entry = counts.get(id);
    if (entry) entry.count++;
    else counts.set(id, { type, value, count: 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)).slice(0, limit);
};
