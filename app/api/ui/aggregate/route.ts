import { toAggregateAnswer } from '@/lib/api/pages/aggregate-answer';
import { AGGREGATE_MAX_GROUPS, parseAggregateParams } from '@/lib/api/params/parse-aggregate-params';
import { pagesRoute } from '@/lib/api/routes';
import { aggregateSpans } from '@/lib/store/read/aggregate-spans';
import { windowEndsNow } from '@/lib/store/read/rollup-sql';

// GET /api/ui/aggregate?filter=<TraceQL>&groupBy=<k1,k2,k3>&start=<unix ns>&end=<unix ns>&step=<Go duration>
// – span analytics over the raw spans of a window of at most 6 hours: per group count, errors,
// nearest-rank p50/p95/p99 and a series per step; the largest 100 groups (lib/api/pages/aggregate-answer.ts).
export const GET = pagesRoute(async (req) => {
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const p = parseAggregateParams(new URL(req.url).searchParams, nowNs);
  const result = await aggregateSpans({
    endsNow: windowEndsNow(p.endNs, nowNs),
    where: p.where,
    keys: p.groupBy.map((g) => g.operand),
    startNs: p.startNs,
    endNs: p.endNs,
    stepNs: p.stepNs,
    maxGroups: AGGREGATE_MAX_GROUPS,
  });
  return Response.json(toAggregateAnswer({ ...p, groupLimit: AGGREGATE_MAX_GROUPS }, result));
});

export const dynamic = 'force-dynamic';
