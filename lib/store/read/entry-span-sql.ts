import { COPY_ORDER_SQL } from '@/lib/model/duplicate-spans';
import { SpanKind, StatusCode } from '@/lib/model/span-record';
import { Prisma } from '@/lib/store/generated/client';

// The SQL both RED-metric reads share (get-service-metrics.ts explains what counts as a request):
// the aggregate columns, and the entry spans of a window with their operation and service.

// literals in the statement text, not bind parameters: constants of the query, like its column names
const ERROR = Prisma.raw(String(StatusCode.ERROR));
const SERVER = Prisma.raw(String(SpanKind.SERVER));
const CONSUMER = Prisma.raw(String(SpanKind.CONSUMER));

/**
 * requests, errors, p50, p95, p99 (ns) over the grouped entry spans `s`: nearest-rank percentiles,
 * as the rollups' (which answer within 2% of these) on PostgreSQL.
 */
export const requestAggregates = Prisma.sql`
  count(*) AS requests,
  count(*) FILTER (WHERE s.status_code = ${ERROR}) AS errors,
  percentile_disc(0.5) WITHIN GROUP (ORDER BY s.duration_ns) AS p50,
  percentile_disc(0.95) WITHIN GROUP (ORDER BY s.duration_ns) AS p95,
  percentile_disc(0.99) WITHIN GROUP (ORDER BY s.duration_ns) AS p99`;

/**
 * FROM …: spans `s` (with operation `o`, service `sv`) that are requests and started in the
 * window, each span once: a span stored twice (an exporter retried a committed batch) is one
 * request, the copy lib/model/duplicate-spans.ts picks; the two halves of a shared span differ
 * in kind and stay two.
 */
export const entrySpansIn = (startNs: bigint, endNs: bigint) => Prisma.sql`
  FROM (
    SELECT DISTINCT ON (s.trace_id, s.span_id, o.kind) s.*
    FROM spans s JOIN operations o ON o.id = s.operation_id
    WHERE s.start_ns BETWEEN ${startNs} AND ${endNs} AND (o.kind IN (${SERVER}, ${CONSUMER}) OR s.parent_span_id IS NULL)
    ORDER BY s.trace_id, s.span_id, o.kind, ${Prisma.raw(COPY_ORDER_SQL.split(', ').map((c) => `s.${c}`).join(', '))}
  ) s
  JOIN operations o ON o.id = s.operation_id
  JOIN services sv ON sv.id = s.service_id`;
