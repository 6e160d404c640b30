import type { EncodedValue } from '@/lib/model/attribute-value';
import { COPY_ORDER_SQL } from '@/lib/model/duplicate-spans';
import { pool } from '@/lib/store/db';
import { storedKeyForms } from './read-dimensions';

export type GetSpanAttributeOptions = { traceId: string; spanId: string; key: string };

/**
 * The whole stored value of one span attribute (trace reads cut long ones, see get-traces.ts), of
 * the copy of the span that trace reads show (lib/model/duplicate-spans.ts); `undefined` when the
 * span or the key is not there. Only that value leaves PostgreSQL, never the span's other attributes.
 */
export const getSpanAttribute = async ({ traceId, spanId, key }: GetSpanAttributeOptions): Promise<{ value: EncodedValue } | undefined> => {
  const forms = await storedKeyForms(key);
  const { rows } = await pool().query<{ found: boolean; value: EncodedValue }>(
    `SELECT attributes ?| $3::text[] AS found, coalesce(attributes -> ($3::text[])[1], attributes -> ($3::text[])[2]) AS value
     FROM spans_of_traces(ARRAY[$1]::uuid[]) WHERE span_id = decode($2, 'hex')
     ORDER BY ${COPY_ORDER_SQL} LIMIT 1`,
    [traceId, spanId, forms],
  );
  return rows[0]?.found ? { value: rows[0].value } : undefined;
};
