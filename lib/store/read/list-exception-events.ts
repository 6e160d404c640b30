import { Prisma } from '@/lib/store/generated/client';
import { db as store, isCitusStore } from '@/lib/store/db';
import { withHeavyQuery } from '@/lib/store/read-budget';
import { HOUR_NS } from '@/lib/model/units';
import { exceptionRollupRows } from './rollup-sql';

// Exception events (OpenTelemetry's convention: an event named `exception` with attributes
// exception.type / exception.message / exception.stacktrace; Jaeger logs and Zipkin annotations
// are decoded into such events at ingest) of the spans that started in a window, counted per
// service, operation, type, exact message and time bucket. The messages are fingerprinted and
// merged into groups by the caller (lib/traces/group-exceptions.ts), in TypeScript, where the
// one masking rule lives (lib/model/fingerprint-message.ts).
//
// On PostgreSQL they are read from the per-minute exception rollups (exception_rollups, written
// by the span writer, lib/store/write/aggregate-rollups.ts): a row there is already one
// fingerprint, and carries its latest message as `message`, which fingerprints the same. The
// window is then the minutes that start in it, read from hour rows where the buckets are whole
// hours (rollup-sql.ts): a day at 10-million-span density is ~76,000 minute rows. On Citus (no
// rollups) from raw spans: spans_events_gin (jsonb_path_ops on events) answers the containment,
// so only spans that carry an exception are read. Either way the rows are cut at `maxRows` (one
// more is asked, to know).

export type ExceptionEventRow = {
  service: string;
  operation: string;
  type: string;
  message: string;
  bucket: number;
  count: number;
  firstNs: bigint;
  lastNs: bigint;
  /** a trace of the latest such event */
  traceId: string;
  /** one of the stack traces ('' when none was recorded) */
  stacktrace: string;
};

export type ListExceptionEventsOptions = {
  startNs: bigint;
  endNs: bigint;
  stepNs: bigint;
  service?: string;
  maxRows: number;
  /** the window ends now: the open hour may be read from its hour rows (rollup-sql.ts) */
  endsNow?: boolean;
};

type Row = { service: string; operation: string; type: string; message: string; b: number; n: number; first: string; last: string; trace_id: string; stack: string | null };

export const listExceptionEvents = async (o: ListExceptionEventsOptions): Promise<{ rows: ExceptionEventRow[]; truncated: boolean }> => {
  const service = o.service === undefined ? Prisma.empty : Prisma.sql`AND sv.name = ${o.service}`;
  // hour rows (bucket_ns: the hour's start) fall in the right bucket when the buckets are whole hours from an hour
  const wholeHours = o.stepNs % HOUR_NS === 0n && o.startNs % HOUR_NS === 0n;
  const citus = await isCitusStore();
  const source = citus ? Prisma.empty : await exceptionRollupRows({ startNs: o.startNs, endNs: o.endNs, hours: wholeHours, endsNow: o.endsNow });
  const rows = !citus
    ? await withHeavyQuery(() => store().$queryRaw<Row[]>`
      SELECT sv.name AS service, op.name AS operation, x.type, x.message, x.b, x.n, x.first, x.last, x.trace_id, x.stack
      FROM (
        SELECT service_id, operation_id, type, ((bucket_ns - ${o.startNs}) / ${o.stepNs})::int AS b,
               sum(count)::int AS n, min(first_ns)::text AS first, max(last_ns)::text AS last,
               (array_agg(example_message ORDER BY last_ns DESC))[1] AS message,
               replace((array_agg(example_trace_id ORDER BY last_ns DESC))[1]::text, '-', '') AS trace_id,
               (array_agg(NULLIF(example_stacktrace, '') ORDER BY example_stacktrace = '', last_ns DESC))[1] AS stack
        FROM ${source} r
        GROUP BY service_id, operation_id, type, fingerprint, 4
      ) x
      JOIN services sv ON sv.id = x.service_id
      JOIN operations op ON op.id = x.operation_id
      WHERE TRUE ${service}
      LIMIT ${o.maxRows + 1}`)
    : await withHeavyQuery(() => store().$queryRaw<Row[]>`
    SELECT service, operation, type, message, b, count(*)::int AS n, min(t)::text AS first, max(t)::text AS last,
           (array_agg(trace_id ORDER BY t DESC))[1] AS trace_id, max(stack) AS stack
    FROM (
      SELECT sv.name AS service, o.name AS operation,
             COALESCE(e.value -> 'a' ->> 'exception.type', '') AS type,
             COALESCE(e.value -> 'a' ->> 'exception.message', '') AS message,
             e.value -> 'a' ->> 'exception.stacktrace' AS stack,
             COALESCE((e.value ->> 't')::numeric::bigint, s.start_ns) AS t,
             replace(s.trace_id::text, '-', '') AS trace_id,
             ((s.start_ns - ${o.startNs}) / ${o.stepNs})::int AS b
      FROM spans s
      JOIN services sv ON sv.id = s.service_id
      JOIN operations o ON o.id = s.operation_id
      CROSS JOIN LATERAL jsonb_array_elements(s.events) e
      WHERE s.start_ns >= ${o.startNs} AND s.start_ns < ${o.endNs} ${service}
        AND s.events IS NOT NULL AND s.events @> '[{"n":"exception"}]'::jsonb
        AND e.value ->> 'n' = 'exception'
    ) x
    GROUP BY service, operation, type, message, b
    LIMIT ${o.maxRows + 1}`);
  return {
    truncated: rows.length > o.maxRows,
    rows: rows.slice(0, o.maxRows).map((r) => ({
      service: r.service,
      operation: r.operation,
      type: r.type,
      message: r.message,
      bucket: r.b,
      count: r.n,
      firstNs: BigInt(r.first),
      lastNs: BigInt(r.last),
      traceId: r.trace_id,
      stacktrace: r.stack ?? '',
    })),
  };
};
