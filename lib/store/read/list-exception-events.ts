import { db } from '@/lib/store/db';
import { Prisma } from '@/lib/store/generated/client';
import { withHeavyQuery } from '@/lib/store/read-budget';

// Exception events (OpenTelemetry's convention: an event named `exception` with attributes
// exception.type / exception.message / exception.stacktrace; Jaeger logs and Zipkin annotations
// are decoded into such events at ingest) of the spans that started in a window, counted per
// service, operation, type, exact message and time bucket. The messages are fingerprinted and
// merged into groups by the caller (lib/traces/group-exceptions.ts), in TypeScript, where the
// one masking rule lives (lib/model/fingerprint-message.ts).
//
// spans_events_gin (jsonb_path_ops on events) answers the containment, so only spans that carry
// an exception are read; the rows are cut at `maxRows` (one more is asked, to know).

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

export type ListExceptionEventsOptions = { startNs: bigint; endNs: bigint; stepNs: bigint; service?: string; maxRows: number };

type Row = { service: string; operation: string; type: string; message: string; b: number; n: number; first: string; last: string; trace_id: string; stack: string | null };

export const listExceptionEvents = async (o: ListExceptionEventsOptions): Promise<{ rows: ExceptionEventRow[]; truncated: boolean }> => {
  const service = o.service === undefined ? Prisma.empty : Prisma.sql`AND sv.name = ${o.service}`;
  const rows = await withHeavyQuery(() => db().$queryRaw<Row[]>`
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
