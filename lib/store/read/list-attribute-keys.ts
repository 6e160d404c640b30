import { db } from '@/lib/store/db';
import { spellOutKeys } from './read-dimensions';
import { ORDER_KEY_SQL } from '@/lib/store/write/key-order';
import { Prisma } from '@/lib/store/generated/client';

// Key suggestions for the attributes box, from what a service has really sent. Bounded: only
// the latest SAMPLE_SPANS spans of the service are read, newest first through
// spans_service_id_start_ns_operation_id_idx (a backward index scan per day partition, merged), so the cost
// does not grow with the data kept. Resource attribute keys come from the small resources table
// (resources_service_id_idx); search matches tags there too.

export const SAMPLE_SPANS = 2000;

export type ListAttributeKeysOptions = { serviceName: string };
export type AttributeKeyEntry = { key: string; source: 'span' | 'resource'; count: number };

/** Attribute keys of a service's recent spans (most frequent first), then its resource keys. */
export const listAttributeKeys = async ({ serviceName }: ListAttributeKeysOptions): Promise<AttributeKeyEntry[]> => {
  const spanKeys = await db().$queryRaw<{ key: string; n: bigint }[]>`
    WITH recent AS (
      SELECT s.attributes FROM spans s
      WHERE s.service_id = (SELECT id FROM services WHERE name = ${serviceName})
      ORDER BY s.start_ns DESC LIMIT ${SAMPLE_SPANS}
    )
    SELECT k AS key, count(*) AS n FROM recent, jsonb_object_keys(recent.attributes) AS k WHERE k <> ${Prisma.raw(ORDER_KEY_SQL)}
    GROUP BY k ORDER BY n DESC, k LIMIT 200`;
  const resourceKeys = await db().$queryRaw<{ key: string }[]>`
    SELECT DISTINCT k AS key FROM resources r JOIN services sv ON sv.id = r.service_id,
      jsonb_object_keys(r.attributes) AS k
    WHERE sv.name = ${serviceName} ORDER BY k LIMIT 100`;
  // stored keys are dictionary ids or literal keys (lib/store/write/stored-keys.ts): one key may
  // appear in both forms, so counts are summed after spelling out
  const names = await spellOutKeys(spanKeys.map((r) => r.key));
  const counts = new Map<string, number>();
  names.forEach((name, i) => counts.set(name, (counts.get(name) ?? 0) + Number(spanKeys[i].n)));
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const seen = new Set(counts.keys());
  return [
    ...ranked.map(([key, count]) => ({ key, source: 'span' as const, count })),
    ...resourceKeys.filter((r) => !seen.has(r.key)).map((r) => ({ key: r.key, source: 'resource' as const, count: 0 })),
  ];
};
