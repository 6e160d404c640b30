import { checkDatabase } from '@/lib/store/check-database';
import { downParts, existingRuntime } from '@/lib/server/runtime';

// GET /api/health – 200 once the app can ingest and query, 503 otherwise, naming the part that is
// down (`down: [{part, reason}]`): the embedded PostgreSQL while it is being restarted, the
// database when it does not answer
export const GET = async () => {
  const runtime = existingRuntime();
  if (!runtime) return Response.json({ status: 'starting' }, { status: 503 });
  const down = downParts();
  if (down.length === 0) {
    try {
      await checkDatabase();
    } catch (err) {
      down.push({ part: 'database', reason: (err as Error).message.split('\n')[0] });
    }
  }
  if (down.length > 0) {
    return Response.json({ status: 'unavailable', down, reason: down.map((d) => `${d.part}: ${d.reason}`).join('; ') }, { status: 503 });
  }
  return Response.json({
    status: 'ok',
    uptimeSeconds: Math.round((Date.now() - runtime.startedAt) / 1000),
    ingest: { backlogSpans: runtime.writer.backlog, committedSpans: runtime.writer.committedSpans },
  });
};

export const dynamic = 'force-dynamic';
