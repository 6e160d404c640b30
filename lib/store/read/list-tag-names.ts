import { db } from '@/lib/store/db';
import { spellOutKeys } from './read-dimensions';
import { ORDER_KEY_SQL } from '@/lib/store/write/key-order';
import { recentSpansCte, serviceFilterSql, type SampleWindow } from './sample-recent-spans-sql';
import { Prisma } from '@/lib/store/generated/client';

// Attribute keys by where they live, for TraceQL autocomplete (the search page's query box and
// Tempo's /api/search/tags): span, event and link keys from a bounded sample of recent spans
// (sample-recent-spans-sql.ts), resource and instrumentation-scope keys from their small
// dimension tables.

export type TagScope = 'span' | 'resource' | 'event' | 'link' | 'instrumentation';

export type ListTagNamesOptions = SampleWindow & { scopes: readonly TagScope[]; limit: number };

/** The keys of each asked scope, sorted, at most `limit` per scope. */
export const listTagNames = async ({ scopes, limit, ...window }: ListTagNamesOptions): Promise<Map<TagScope, string[]>> => {
  const out = new Map<TagScope, string[]>();
  const needsSample = scopes.some((s) => s === 'span' || s === 'event' || s === 'link');
  const recent = needsSample ? await recentSpansCte(window) : Prisma.empty;
  for (const scope of scopes) {
    let keys: string[];
    if (scope === 'span') {
      const rows = await db().$queryRaw<{ k: string }[]>`${recent}
        SELECT DISTINCT k FROM recent, jsonb_object_keys(recent.attributes) AS k WHERE k <> ${Prisma.raw(ORDER_KEY_SQL)} LIMIT ${limit * 2}`;
      keys = await spellOutKeys(rows.map((r) => r.k)); // one key may be stored in both forms
    } else if (scope === 'event' || scope === 'link') {
      const column = Prisma.raw(scope === 'event' ? 'events' : 'links');
      const rows = await db().$queryRaw<{ k: string }[]>`${recent}
        SELECT DISTINCT k FROM recent, jsonb_array_elements(recent.${column}) AS e, jsonb_object_keys(coalesce(e -> 'a', '{}'::jsonb)) AS k
        WHERE recent.${column} IS NOT NULL LIMIT ${limit}`;
      keys = rows.map((r) => r.k);
    } else if (scope === 'resource') {
      const rows = await db().$queryRaw<{ k: string }[]>`
        SELECT DISTINCT k FROM resources r, jsonb_object_keys(r.attributes) AS k
        WHERE ${serviceFilterSql(window.serviceName, Prisma.sql`r.service_id`)} LIMIT ${limit}`;
      keys = rows.map((r) => r.k);
    } else {
      const rows = await db().$queryRaw<{ k: string }[]>`
        SELECT DISTINCT k FROM scopes sc, jsonb_object_keys(sc.attributes) AS k LIMIT ${limit}`;
      keys = rows.map((r) => r.k);
    }
    out.set(scope, [...new Set(keys)].sort().slice(0, limit));
  }
  return out;
};
