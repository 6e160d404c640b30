import { SKETCH_BUCKETS } from '@/lib/model/latency-sketch';
import { StatusCode } from '@/lib/model/span-record';
import { pool } from '@/lib/store/db';
import { Prisma } from '@/lib/store/generated/client';
import { withHeavyQuery } from '@/lib/store/read-budget';
import { keySql, type AggregateSpansOptions, type AggregateSpansResult } from './aggregate-spans';
import { spanConditionSql } from './filter-condition-sql';
import { HOUR_NS } from '@/lib/model/units';
import { histText } from '@/lib/store/write/aggregate-rollups';
import { rollupBucketSql, spanRollupRows } from './rollup-sql';
import { sketchAnswer, sketchHistogram, tallySketchRows, type SketchRow } from './tally-sketch-rows';

const ERROR = Prisma.raw(String(StatusCode.ERROR));

// Span analytics (aggregate-spans.ts) answered from the per-minute rollups, for questions that
// read only rollup keys (lib/filter/is-rollup-answerable.ts): service, operation, kind, status.
// The rollup rows are aliased `s` (their service_id, operation_id and status_code are what the
// filter compiler reads of a span for those terms). Percentiles come from the same sketches as
// the raw answer's (tally-sketch-rows.ts). Differences from it, by design:
// - the window is the minutes that start in it, and a minute falls in the series bucket of its start;
// - the duration histogram puts each sketch bucket at its value, so a span within 2% of a
//   histogram edge may be counted in the neighbouring bar;
// - counts are of spans once each (the rollups' duplicate rule, aggregate-rollups.ts), the raw
//   answer counts stored rows: they differ only by copies of a retried batch.

export const aggregateSpanRollups = async (o: AggregateSpansOptions): Promise<AggregateSpansResult> => {
  const keys = await Promise.all(o.keys.map(keySql));
  const where = await spanConditionSql(o.where);
  const hours = o.stepNs >= HOUR_NS;
  const rows = await spanRollupRows({ startNs: o.startNs, endNs: o.endNs, hours, endsNow: o.endsNow });
  const keyArray = keys.length === 0 ? Prisma.sql`'[]'::jsonb` : Prisma.sql`jsonb_build_array(${Prisma.join(keys.map((k) => Prisma.sql`${k.sql}`), ', ')})`;
  // The matching rows as they are, added up here (as read-request-rollups.ts: cheaper than in
  // SQL): the key as text, parsed once per group, and the histogram as text (readHistText); read
  // as jsonb and arrays, node-pg's parsers took most of a day's answer (~1 s at 10M density).
  const query = Prisma.sql`
    SELECT ${keyArray}::text, ${rollupBucketSql(o.startNs, o.stepNs, hours, 's')}, s.count::text,
           CASE WHEN s.status_code = ${ERROR} THEN s.count ELSE 0 END::text, COALESCE(s.hist, ${Prisma.raw(histText('s'))})
    FROM ${rows} s JOIN operations o ON o.id = s.operation_id JOIN services sv ON sv.id = s.service_id
    WHERE ${where}`;
  // the tally inside the heavy slot: it is most of this read's CPU (read-budget.ts)
  return withHeavyQuery(async () => {
    const raw = await pool().query<SketchRow>({ text: query.text, values: query.values, rowMode: 'array' });
    const all = new Float64Array(SKETCH_BUCKETS); // every matching span, for the duration histogram
    const groups = [...tallySketchRows(raw.rows, all).values()];
    const ordered = groups.sort((a, b) => b.n - a.n || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return sketchAnswer(ordered.slice(0, o.maxGroups), keys.map((k) => k.read), groups.length, sketchHistogram(all));
  });
};
