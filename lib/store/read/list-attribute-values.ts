import { decodeValue, toStringForm, type EncodedValue } from '@/lib/model/attribute-value';
import { db } from '@/lib/store/db';
import { storedKeyForms } from './read-dimensions';
import { SAMPLE_SPANS } from './list-attribute-keys';

// Value suggestions for one key: the string forms (what a tag search compares, see
// lib/model/attribute-value.ts) of that key's values in the latest SAMPLE_SPANS spans of the service,
// read newest first through spans_service_id_start_ns_operation_id_idx, plus the service's resources.

export type ListAttributeValuesOptions = { serviceName: string; key: string; limit?: number };
export type AttributeValueEntry = { value: string; count: number };

/** Recent values of one attribute key of a service, most frequent first. */
export const listAttributeValues = async ({ serviceName, key, limit = 50 }: ListAttributeValuesOptions): Promise<AttributeValueEntry[]> => {
  const forms = await storedKeyForms(key);
  const rows = await db().$queryRaw<{ v: EncodedValue }[]>`
    WITH recent AS (
      SELECT s.attributes FROM spans s
      WHERE s.service_id = (SELECT id FROM services WHERE name = ${serviceName})
      ORDER BY s.start_ns DESC LIMIT ${SAMPLE_SPANS}
    )
    SELECT attributes -> f AS v FROM recent, unnest(${forms}::text[]) AS f WHERE (attributes -> f) IS NOT NULL
    UNION ALL
    SELECT r.attributes -> ${key} FROM resources r JOIN services sv ON sv.id = r.service_id
    WHERE sv.name = ${serviceName} AND (r.attributes -> ${key}) IS NOT NULL`;
  const counts = new Map<string, number>();
  for (const { v } of rows) {
    const value = toStringForm(decodeValue(v));
    if (value.length <= 200) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
    .slice(0, limit);
};
