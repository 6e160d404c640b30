// GET /api/live – liveness: 200 while the process can answer at all, without touching the
// database, so a supervisor restarts a hung process but not one whose PostgreSQL is down
// (/api/health is readiness: 503 until ingest and queries work).
export const GET = () => Response.json({ status: 'alive' }, { headers: { 'cache-control': 'no-store' } });

export const dynamic = 'force-dynamic';
