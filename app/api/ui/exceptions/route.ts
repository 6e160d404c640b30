import { toExceptionsAnswer } from '@/lib/api/pages/exceptions-answer';
import { parseExceptionsParams } from '@/lib/api/params/parse-exceptions-params';
import { pagesRoute } from '@/lib/api/routes';
import { listExceptionEvents } from '@/lib/store/read/list-exception-events';
import { windowEndsNow } from '@/lib/store/read/rollup-sql';
import { groupExceptions } from '@/lib/traces/group-exceptions';

const GROUP_LIMIT = 200;
/** distinct (service, operation, type, message, bucket) rows read per answer */
const MAX_ROWS = 20_000;

// GET /api/ui/exceptions?start=<unix ns>&end=<unix ns>[&service=] – exception events grouped by
// service + type + message fingerprint, largest first (lib/api/pages/exceptions-answer.ts).
export const GET = pagesRoute(async (req) => {
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const p = parseExceptionsParams(new URL(req.url).searchParams, nowNs);
  const { rows, truncated } = await listExceptionEvents({ ...p, maxRows: MAX_ROWS, endsNow: windowEndsNow(p.endNs, nowNs) });
  return Response.json(toExceptionsAnswer({ ...p, groupLimit: GROUP_LIMIT, truncated }, groupExceptions(rows)));
});

export const dynamic = 'force-dynamic';
