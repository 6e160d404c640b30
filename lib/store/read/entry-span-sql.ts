import { SpanKind, StatusCode } from '@/lib/model/span-record';
import { Prisma } from '@/lib/store/generated/client';

// The SQL both RED-metric reads share (get-service-metrics.ts explains what counts as a request):
// the aggregate columns, and the entry spans of a window with their operation and service.

// literals in the statement text, not bind parameters: constants of the query, like its column names
const ERROR = Prisma.raw(String(StatusCode.ERROR));
const SERVER = Prisma.raw(String(SpanKind.SERVER));
const CONSUMER = Prisma.raw(String(SpanKind.CONSUMER));

/** requests, errors, p50, p95, p99 (ns) over the grouped entry spans `s`. */
export const requestAggregates = Prisma.sql`
  count(*) AS requests,
  count(*) FILTER (WHERE s.status_code = ${ERROR}) AS errors,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY s.duration_ns) AS p50,
  percentile_cont(0.95) WITHIN GROUP (ORDER BY s.duration_ns) AS p95,
  percentile_cont(0.99) WITHIN GROUP (ORDER BY s.duration_ns) AS p99`;

/** FROM … WHERE: spans `s` (with operation `o`, service `sv`) that are requests and started in the window. */
export const entrySpansIn = (startNs: bigint, endNs: bigint) => Prisma.sql`
  FROM spans s
  JOIN operations o ON o.id = s.operation_id
  JOIN services sv ON sv.id = s.service_id
  WHERE s.start_ns BETWEEN ${startNs} AND ${endNs} AND (o.kind IN (${SERVER}, ${CONSUMER}) OR s.parent_span_id IS NULL)`;
