import type pg from 'pg';
import { dayOfNs } from '@/lib/store/partitions';
import { repeatKey } from './aggregate-rollups';
import { countCalls, type CallChanges } from './count-call-changes';
import { addToSummary, oneCopyOfEachSpan, summarizeSpanFacts, type SpanFacts, type TraceSummaryRow } from './summarize-span-facts';

// Keeps trace_summaries in step with the spans of a batch, inside the batch's transaction, after
// its COPY: the summary commits with its spans or not at all.
//
// - Writers serialize per trace through transaction advisory locks on 1,024 buckets of the trace
//   id, taken in ascending order (so two writers never deadlock), held only for these few
//   statements. Under READ COMMITTED each statement then sees what a rival committed before.
// - A trace's row is found within a day either side of the batch's spans and keeps its day, so
//   a trace crossing midnight has one row.
// - For a trace that already has a row, its stored spans are read back (they include this
//   batch's own copies) and the summary is recomputed from them with each span id once: a
//   retried batch adds nothing, and the root and orphan count see every span. A trace past
//   PROBE_MAX_SPANS is not read back: the batch's counts are added (the row is marked inexact).

const LOCK_CLASS = 11;
const LOCK_BUCKETS = 1024;
/** stored spans of one trace read back per batch, at most; above, counts are added instead */
export const PROBE_MAX_SPANS = 10_000;

export type SpanFactsOfTrace = Map<string, SpanFacts[]>;

type StoredRow = [
  traceId: string, day: number, startNs: string, lastStartNs: string, endNs: string, spanCount: number, errorCount: number,
  entrySpanCount: number, orphanSpanCount: number, rootSpanId: string, rootStartNs: string, rootServiceId: number,
  rootOperationId: number, rootRule: 1 | 2 | 3, serviceIds: number[], serviceSpanCounts: number[], serviceErrorCounts: number[],
  exact: boolean, callParentIds: number[], callChildIds: number[], callCounts: number[],
];

const SELECT_ROWS = `
  SELECT replace(trace_id::text, '-', ''), day, start_ns, last_start_ns, end_ns, span_count, error_count, entry_span_count,
         orphan_span_count, encode(root_span_id, 'hex'), root_start_ns, root_service_id, root_operation_id, root_rule,
         service_ids, service_span_counts, service_error_counts, exact, call_parent_ids, call_child_ids, call_counts
  FROM trace_summaries WHERE trace_id = ANY($1::uuid[]) AND day BETWEEN $2 AND $3`;

type ProbeRow = [traceId: string, spanId: string, parentSpanId: string | null, startNs: string, durationNs: string,
  serviceId: number, operationId: number, statusCode: number, kind: number];

const SELECT_SPANS = `
  SELECT replace(s.trace_id::text, '-', ''), encode(s.span_id, 'hex'), encode(s.parent_span_id, 'hex'), s.start_ns,
         s.duration_ns, s.service_id, s.operation_id, s.status_code, o.kind
  FROM spans s JOIN operations o ON o.id = s.operation_id
  WHERE s.trace_id = ANY($1::uuid[]) AND s.start_ns BETWEEN $2 AND $3`;


const COLUMNS = `trace_id, day, start_ns, last_start_ns, end_ns, span_count, error_count, entry_span_count, orphan_span_count,
  root_span_id, root_start_ns, root_service_id, root_operation_id, root_rule, service_ids, service_span_counts,
  service_error_counts, exact, call_parent_ids, call_child_ids, call_counts`;

const UPSERT = `
  INSERT INTO trace_summaries (${COLUMNS})
  SELECT t, d, s, ls, e, sc, ec, esc, osc, decode(r, 'hex'), rs, rsv, rop, rr, si::int[], ssc::int[], sec::int[], x,
         cp::int[], cc::int[], cn::int[]
  FROM unnest($1::uuid[], $2::int[], $3::int8[], $4::int8[], $5::int8[], $6::int[], $7::int[], $8::int[], $9::int[],
              $10::text[], $11::int8[], $12::int[], $13::int[], $14::int2[], $15::text[], $16::text[], $17::text[], $18::bool[],
              $19::text[], $20::text[], $21::text[])
       AS u(t, d, s, ls, e, sc, ec, esc, osc, r, rs, rsv, rop, rr, si, ssc, sec, x, cp, cc, cn)
  ON CONFLICT (trace_id, day) DO UPDATE SET
    start_ns = EXCLUDED.start_ns, last_start_ns = EXCLUDED.last_start_ns, end_ns = EXCLUDED.end_ns,
    span_count = EXCLUDED.span_count, error_count = EXCLUDED.error_count, entry_span_count = EXCLUDED.entry_span_count,
    orphan_span_count = EXCLUDED.orphan_span_count, root_span_id = EXCLUDED.root_span_id, root_start_ns = EXCLUDED.root_start_ns,
    root_service_id = EXCLUDED.root_service_id, root_operation_id = EXCLUDED.root_operation_id, root_rule = EXCLUDED.root_rule,
    service_ids = EXCLUDED.service_ids, service_span_counts = EXCLUDED.service_span_counts,
    service_error_counts = EXCLUDED.service_error_counts, exact = EXCLUDED.exact, call_parent_ids = EXCLUDED.call_parent_ids,
    call_child_ids = EXCLUDED.call_child_ids, call_counts = EXCLUDED.call_counts`;

/** The lock bucket of a trace id (32 hex): its first 32 bits, which are random for real ids. */
const bucketOf = (traceId: string) => parseInt(traceId.slice(0, 8), 16) % LOCK_BUCKETS;

const fromStored = (r: StoredRow): TraceSummaryRow => ({
  traceId: r[0], day: r[1], startNs: BigInt(r[2]), lastStartNs: BigInt(r[3]), endNs: BigInt(r[4]), spanCount: r[5], errorCount: r[6],
  entrySpanCount: r[7], orphanSpanCount: r[8], rootSpanId: r[9], rootStartNs: BigInt(r[10]), rootServiceId: r[11],
  rootOperationId: r[12], rootRule: r[13], serviceIds: r[14], serviceSpanCounts: r[15], serviceErrorCounts: r[16], exact: r[17],
  callParentIds: r[18], callChildIds: r[19], callCounts: r[20],
});

const pgArray = (values: number[]) => `{${values.join(',')}}`;

const HEX = /^[0-9a-f]*$/;

/**
 * INSERT of the rows whose trace has no summary within a day of theirs, returning the trace ids
 * inserted. Values are written into the statement (a multi-statement query takes no parameters):
 * numbers, and ids checked to be hex.
 */
const insertNewSql = (rows: TraceSummaryRow[]): string => {
  const values = rows.map((r) => {
    if (r.traceId.length !== 32 || !HEX.test(r.traceId) || !HEX.test(r.rootSpanId)) throw new Error(`not a hex id: ${r.traceId}/${r.rootSpanId}`);
    return (
      `('${r.traceId}'::uuid,${r.day},${r.startNs}::int8,${r.lastStartNs}::int8,${r.endNs}::int8,${r.spanCount},${r.errorCount},` +
      `${r.entrySpanCount},${r.orphanSpanCount},decode('${r.rootSpanId}','hex'),${r.rootStartNs}::int8,${r.rootServiceId},` +
      `${r.rootOperationId},${r.rootRule}::int2,'${pgArray(r.serviceIds)}'::int[],'${pgArray(r.serviceSpanCounts)}'::int[],` +
      `'${pgArray(r.serviceErrorCounts)}'::int[],${r.exact},'${pgArray(r.callParentIds)}'::int[],'${pgArray(r.callChildIds)}'::int[],` +
      `'${pgArray(r.callCounts)}'::int[])`
    );
  });
  const [lo, hi] = rows.reduce(([a, b], r) => [Math.min(a, r.day), Math.max(b, r.day)], [Infinity, -Infinity]);
  const ids = rows.map((r) => r.traceId).join(',');
  // "no row of the trace within a day either side" as NOT IN over the (trace, day ± 1) pairs that
  // exist, not as a correlated NOT EXISTS: Citus refuses a correlated subquery beside a VALUES
  // list, and plans this uncorrelated one on the shards of these ids; one statement for both
  return `INSERT INTO trace_summaries (${COLUMNS}) SELECT v.* FROM (VALUES ${values.join(',')}) AS v(${COLUMNS})
    WHERE (v.trace_id, v.day) NOT IN (
      SELECT t.trace_id, t.day + k.k FROM trace_summaries t CROSS JOIN (VALUES (-1), (0), (1)) AS k(k)
      WHERE t.trace_id = ANY('{${ids}}'::uuid[]) AND t.day BETWEEN ${lo - 1} AND ${hi + 1})
    ON CONFLICT (trace_id, day) DO NOTHING RETURNING replace(trace_id::text, '-', '') AS trace_id`;
};

export type SummaryUpkeep = {
  /**
   * The spans of the batch (repeatKey, aggregate-rollups.ts) that were stored before it (an
   * exporter retried a committed batch), as far as the read-back of stored spans sees them.
   */
  repeats: Set<string>;
  /** how the summaries' service calls changed, per hour (count-call-changes.ts) */
  calls: CallChanges;
};

/** Brings the summaries of every trace in `facts` up to date; runs on the batch's open transaction. */
export const upkeepTraceSummaries = async (client: pg.ClientBase, facts: SpanFactsOfTrace): Promise<SummaryUpkeep> => {
  const repeats = new Set<string>();
  const calls: CallChanges = new Map();
  if (facts.size === 0) return { repeats, calls };
  const traceIds = [...facts.keys()];
  const batchDay = new Map<string, number>();
  let minStart: bigint | undefined;
  let maxStart: bigint | undefined;
  for (const [traceId, spans] of facts) {
    let first = spans[0].startNs;
    for (const s of spans) {
      if (s.startNs < first) first = s.startNs;
      if (minStart === undefined || s.startNs < minStart) minStart = s.startNs;
      if (maxStart === undefined || s.startNs > maxStart) maxStart = s.startNs;
    }
    batchDay.set(traceId, dayOfNs(first));
  }
  const buckets = [...new Set(traceIds.map(bucketOf))].sort((a, b) => a - b);
  // One round trip for the common case (every trace seen for the first time): take the locks,
  // then, in a statement of its own (so it sees what a rival committed before the lock was
  // granted), insert the batch's summary of each trace that has no row yet. The transaction is
  // held open across this round trip, so it matters more than the SQL it runs.
  const fresh = traceIds.map((id) => summarizeSpanFacts(id, batchDay.get(id)!, oneCopyOfEachSpan(id, facts.get(id)!)));
  const results = (await client.query(
    `SELECT pg_advisory_xact_lock(${LOCK_CLASS}, b) FROM unnest('{${buckets.join(',')}}'::int[]) AS b; ${insertNewSql(fresh)}`,
  )) as unknown as pg.QueryResult<{ trace_id: string }>[];
  const created = new Set(results[1].rows.map((r) => r.trace_id));
  for (const row of fresh) if (created.has(row.traceId)) countCalls(calls, row, 1);
  if (created.size === traceIds.length) return { repeats, calls };
  const rest = traceIds.filter((id) => !created.has(id));

  const days = rest.map((id) => batchDay.get(id)!);
  const stored = await client.query<StoredRow>({
    text: SELECT_ROWS,
    values: [rest, Math.min(...days) - 1, Math.max(...days) + 1],
    rowMode: 'array',
  });
  const existing = new Map<string, TraceSummaryRow>();
  for (const raw of stored.rows) {
    const row = fromStored(raw);
    const near = Math.abs(row.day - batchDay.get(row.traceId)!) <= 1;
    const current = existing.get(row.traceId);
    if (near && (!current || row.day < current.day)) existing.set(row.traceId, row);
  }

  // traces with a row that is still exact and small enough: read their stored spans back
  const probed = [...existing.values()].filter((r) => r.exact && r.spanCount + facts.get(r.traceId)!.length <= PROBE_MAX_SPANS);
  const readBack = new Map<string, SpanFacts[]>();
  if (probed.length > 0) {
    let lo = minStart!;
    let hi = maxStart!;
    for (const r of probed) {
      if (r.startNs < lo) lo = r.startNs;
      if (r.lastStartNs > hi) hi = r.lastStartNs;
    }
    const spans = await client.query<ProbeRow>({
      text: SELECT_SPANS,
      values: [probed.map((r) => r.traceId), String(lo), String(hi)],
      rowMode: 'array',
    });
    for (const [traceId, spanId, parentSpanId, startNs, durationNs, serviceId, operationId, statusCode, kind] of spans.rows) {
      const start = BigInt(startNs);
      const list = readBack.get(traceId) ?? [];
      list.push({ spanId, parentSpanId: parentSpanId ?? '', startNs: start, endNs: start + BigInt(durationNs), serviceId, operationId, statusCode, kind });
      readBack.set(traceId, list);
    }
  }

  // a span is a repeat when more copies of it are stored than this batch brought
  for (const [traceId, stored] of readBack) {
    const copies = new Map<string, number>();
    for (const s of stored) {
      const key = repeatKey(traceId, s.spanId, s.kind);
      copies.set(key, (copies.get(key) ?? 0) + 1);
    }
    for (const s of facts.get(traceId)!) {
      const key = repeatKey(traceId, s.spanId, s.kind);
      copies.set(key, (copies.get(key) ?? 0) - 1);
    }
    for (const [key, extra] of copies) if (extra > 0) repeats.add(key);
  }

  const rows: TraceSummaryRow[] = [];
  for (const traceId of rest) {
    const spans = facts.get(traceId)!;
    const row = existing.get(traceId);
    const again = readBack.get(traceId);
    if (!row) rows.push(summarizeSpanFacts(traceId, batchDay.get(traceId)!, oneCopyOfEachSpan(traceId, spans)));
    else if (again) rows.push(summarizeSpanFacts(traceId, row.day, oneCopyOfEachSpan(traceId, again)));
    else rows.push(addToSummary(row, summarizeSpanFacts(traceId, row.day, oneCopyOfEachSpan(traceId, spans))));
    if (row) countCalls(calls, row, -1);
    countCalls(calls, rows[rows.length - 1], 1);
  }
  await client.query(UPSERT, [
    rows.map((r) => r.traceId), rows.map((r) => r.day), rows.map((r) => String(r.startNs)), rows.map((r) => String(r.lastStartNs)),
    rows.map((r) => String(r.endNs)), rows.map((r) => r.spanCount), rows.map((r) => r.errorCount), rows.map((r) => r.entrySpanCount),
    rows.map((r) => r.orphanSpanCount), rows.map((r) => r.rootSpanId), rows.map((r) => String(r.rootStartNs)),
    rows.map((r) => r.rootServiceId), rows.map((r) => r.rootOperationId), rows.map((r) => r.rootRule),
    rows.map((r) => pgArray(r.serviceIds)), rows.map((r) => pgArray(r.serviceSpanCounts)), rows.map((r) => pgArray(r.serviceErrorCounts)),
    rows.map((r) => r.exact), rows.map((r) => pgArray(r.callParentIds)), rows.map((r) => pgArray(r.callChildIds)),
    rows.map((r) => pgArray(r.callCounts)),
  ]);
  return { repeats, calls };
};
