import type { SpanCondition } from '@/lib/filter/filter-ast';
import type { EncodedValue } from '@/lib/model/attribute-value';
import { db } from '@/lib/store/db';
import { Prisma } from '@/lib/store/generated/client';
import { withHeavyQuery } from '@/lib/store/read-budget';
import { spanConditionSql } from './filter-condition-sql';
import { spellOutKeys } from './read-dimensions';
import { ORDER_KEY_SQL } from '@/lib/store/write/key-order';

// "What is different about the slow ones": among the spans of a window that match a filter, how
// often each attribute value occurs in a selection (a duration range, the errors …) and in the
// rest. Span attributes, resource attributes, the service and the operation name are counted;
// values that are not scalars, or longer than MAX_VALUE_LENGTH characters, are skipped (ids and
// payloads are never "the difference"). Each side is read up to `maxSpans` spans (whichever the
// scan meets first, not a random sample: a bound on the cost, and the answer says when it was reached).

const MAX_VALUE_LENGTH = 200;

export type AttributeValueCount = { key: string; value: string; selected: number; rest: number };

export type CompareAttributeValuesOptions = { where: SpanCondition; selection: SpanCondition; startNs: bigint; endNs: bigint; maxSpans: number };

export type CompareAttributeValuesResult = {
  /** spans of the selection and of the rest read (each at most maxSpans) */
  selectedSpans: number;
  restSpans: number;
  /** whether either side reached maxSpans */
  capped: boolean;
  values: AttributeValueCount[];
};

type Row = { key: string; value: EncodedValue; s: number; r: number; origin: 'total' | 'span' | 'resource' | 'intrinsic' };

const textOf = (v: EncodedValue): string => (typeof v === 'string' ? v : JSON.stringify(v));

export const compareAttributeValues = async (o: CompareAttributeValuesOptions): Promise<CompareAttributeValuesResult> => {
  const [where, selection] = await Promise.all([spanConditionSql(o.where), spanConditionSql(o.selection)]);
  return withHeavyQuery(async () => {
    // each side read up to maxSpans: shares are per side, so a rare selection (2 % errors) keeps
    // its spans however many the rest has
    const side = (selected: boolean) => Prisma.sql`(
        SELECT s.attributes, s.resource_id, s.service_id, s.operation_id, ${Prisma.raw(selected ? 'TRUE' : 'FALSE')} AS sel
        FROM spans s
        WHERE s.start_ns >= ${o.startNs} AND s.start_ns < ${o.endNs} AND ${where} AND ${selected ? selection : Prisma.sql`NOT ${selection}`}
        LIMIT ${o.maxSpans})`;
    const base = Prisma.sql`m AS MATERIALIZED (${side(true)} UNION ALL ${side(false)})`;
    const all = await db().$queryRaw<Row[]>`
      WITH ${base},
      kv AS (
        SELECT m.sel, 'total' AS origin, '' AS key, 'true'::jsonb AS value FROM m
        UNION ALL
        SELECT m.sel, 'span', a.key, a.value FROM m CROSS JOIN LATERAL jsonb_each(m.attributes) a WHERE a.key <> ${Prisma.raw(ORDER_KEY_SQL)}
        UNION ALL
        SELECT m.sel, 'resource', a.key, a.value FROM m JOIN resources r ON r.id = m.resource_id CROSS JOIN LATERAL jsonb_each(r.attributes) a
        UNION ALL
        SELECT m.sel, 'intrinsic', 'service', to_jsonb(sv.name) FROM m JOIN services sv ON sv.id = m.service_id
        UNION ALL
        SELECT m.sel, 'intrinsic', 'name', to_jsonb(op.name) FROM m JOIN operations op ON op.id = m.operation_id
      )
      SELECT origin, key, value, (count(*) FILTER (WHERE sel))::int AS s, (count(*) FILTER (WHERE NOT sel))::int AS r
      FROM kv
      WHERE jsonb_typeof(value) IN ('string', 'number', 'boolean') AND length(value::text) <= ${MAX_VALUE_LENGTH}
      GROUP BY origin, key, value`;
    const total = all.find((r) => r.origin === 'total') ?? { s: 0, r: 0 };
    const rows = all.filter((r) => r.origin !== 'total');
    const spanKeys = rows.filter((r) => r.origin === 'span').map((r) => r.key);
    const spelled = new Map<string, string>();
    (await spellOutKeys(spanKeys)).forEach((k, i) => spelled.set(spanKeys[i], k));
    return {
      selectedSpans: total.s,
      restSpans: total.r,
      capped: total.s >= o.maxSpans || total.r >= o.maxSpans,
      values: rows.map((r) => ({
        key: r.origin === 'span' ? `span.${spelled.get(r.key) ?? r.key}` : r.origin === 'resource' ? `resource.${r.key}` : r.key,
        value: textOf(r.value),
        selected: r.s,
        rest: r.r,
      })),
    };
  });
};
