import { checkDatabase } from '@/lib/store/check-database';
import { existingRuntime } from '@/lib/server/runtime';

// GET /api/health – 200 once the app can ingest and query, 503 otherwise
export const GET = async () => {
  const runtime = existingRuntime();
  if (!runtime) return Response.json({ status: 'starting' }, { status: 503 });
  try {
    await checkDatabase();
  } catch (err) {
    return Response.json({ status: 'unavailable', reason: `database: ${(err as Error).message}` }, { status: 503 });
  }
  return Response.json({
    status: 'ok',
    uptimeSeconds: Math.round((Date.now() - runtime.startedAt) / 1000),
    ingest: { backlogSpans: runtime.writer.backlog, committedSpans: runtime.writer.committedSpans },
  });
};

export const dynamic = 'force-dynamic';
