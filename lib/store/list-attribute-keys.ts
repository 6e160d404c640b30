import { db } from './db';

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
    SELECT k AS key, count(*) AS n FROM recent, jsonb_object_keys(recent.attributes) AS k
    GROUP BY k ORDER BY n DESC, k LIMIT 200`;
  const resourceKeys = await db().$queryRaw<{ key: string }[]>`
    SELECT DISTINCT k AS key FROM resources r JOIN services sv ON sv.id = r.service_id,
      jsonb_object_keys(r.attributes) AS k
    WHERE sv.name = ${serviceName} ORDER BY k LIMIT 100`;
  const seen = new Set(spanKeys.map((r) => r.key));
  return [
    ...spanKeys.map((r) => ({ key: r.key, source: 'span' as const, count: Number(r.n) })),
    ...resourceKeys.filter((r) => !seen.has(r.key)).map((r) => ({ key: r.key, source: 'resource' as const, count: 0 })),
  ];
};
