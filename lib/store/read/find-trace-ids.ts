import type { TraceQuery } from '@/lib/model/trace-query';
import { db } from '@/lib/store/db';
import { Prisma } from '@/lib/store/generated/client';
import { traceQueryCriteria } from './span-criteria';

// Jaeger's trace search (v1 `GET /api/traces`): the traces with a span that matches every
// criterion (as a filter: span-criteria.ts) and starts in the window, newest matching span first.

export type FindTraceIdsOptions = { query: TraceQuery };

/** Trace ids (32 lower-case hex) of the traces matching the query, newest matching span first. */
export const findTraceIds = async ({ query }: FindTraceIdsOptions): Promise<string[]> => {
  const { criteria } = await traceQueryCriteria(query);
  const where = Prisma.sql`s.start_ns BETWEEN ${query.startMinNs} AND ${query.startMaxNs} AND ${criteria.where}`;

  // Walk matching spans newest first and keep the first `limit` distinct traces. A LIMIT on
  // spans keeps this an index-ordered scan; the span limit grows until enough distinct traces
  // are seen or the window is exhausted (rather than grouping every match in the window). It starts
  // at 16 spans per trace wanted (one statement for most searches: a round trip costs more than
  // reading a few hundred more index entries), and grows by how many spans per trace it found.
  let spanLimit = Math.max(query.limit * 16, 200);
  for (;;) {
    const rows = await db().$queryRaw<{ trace_id: string }[]>`
      SELECT replace(s.trace_id::text, '-', '') AS trace_id FROM spans s WHERE ${where}
      ORDER BY s.start_ns DESC LIMIT ${spanLimit}`;
    const ids = [...new Set(rows.map((r) => r.trace_id))];
    if (ids.length >= query.limit || rows.length < spanLimit) return ids.slice(0, query.limit);
    // (at most 8x per step: when the newest spans all belong to one trace the estimate is wild)
    const estimate = Math.ceil((rows.length / ids.length) * query.limit * 1.5);
    spanLimit = Math.min(spanLimit * 8, Math.max(spanLimit * 2, estimate));
  }
};
