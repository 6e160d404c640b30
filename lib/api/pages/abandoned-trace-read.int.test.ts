import pg from 'pg';
import { afterAll, expect, inject, test } from 'vitest';
import { MS_PER_DAY } from '@/lib/model/units';
import { dayOfNs, partitionName } from '@/lib/store/partitions';
import { otlpRequest, otlpSpan, postOtlpJson, randomHexId } from '@/lib/test/otlp-json-request';

// A trace read whose client went away stops (lib/store/read/get-traces.ts): a page closed while
// its 100,000-span trace, or that trace's critical path, was still being read used to hold the
// server for a second more, delaying the next page. Made deterministic with a lock: the test holds
// the trace's day partition, so the read waits inside PostgreSQL; the client aborts; once the lock
// is released, the read's connection must be gone (destroyed, so its backend exits), not back in
// the pool as an idle connection that finished an answer nobody received.

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');
const db = new pg.Pool({ connectionString: inject('databaseUrl'), max: 3 });
afterAll(() => db.end());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// On Citus the read runs on the workers' shards, which a lock taken here does not reach: the
// abandoned read is the same code, but this way of holding it inside PostgreSQL is not available.
const citus = (await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).rowCount === 1;

/** The read pool's backend running the trace read (its text, cut at 1 kB, begins get-traces.ts's SELECT), once it waits on the lock. */
const waitingRead = async (): Promise<number> => {
  for (let i = 0; i < 100; i++) {
    const { rows } = await db.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE application_name = 'spanscope-read' AND wait_event_type = 'Lock' AND query LIKE '%cardinality($1::uuid[])%'`,
    );
    if (rows.length > 0) return rows[0].pid;
    await sleep(50);
  }
  const { rows } = await db.query(`SELECT application_name, state, wait_event_type, left(query, 100) AS q FROM pg_stat_activity WHERE datname = current_database()`);
  throw new Error(`the trace read never waited on the lock: ${JSON.stringify(rows)}`);
};

const backendExists = async (pid: number) => (await db.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [pid])).rowCount === 1;

for (const path of ['', '/critical-path']) {
  test.skipIf(citus)(`GET /api/ui/traces/{id}${path}: the read stops when the client goes away`, async () => {
    // a day of its own, 11 or 12 days back (no other test reads it by time)
    const startNs = BigInt(Date.now() - (path === '' ? 11 : 12) * MS_PER_DAY) * 1_000_000n;
    const traceId = randomHexId(16);
    const res = await postOtlpJson(otlpUrl, otlpRequest('abandoned-read-svc', [otlpSpan({ traceId, spanId: randomHexId(8), startNs })]));
    expect(res.status).toBe(200);

    const { rows: stored } = await db.query<{ part: string }>(`SELECT tableoid::regclass::text AS part FROM spans WHERE trace_id = $1::uuid`, [traceId]);
    expect(stored.map((r) => r.part)).toEqual([partitionName(dayOfNs(startNs))]);
    const locker = await db.connect();
    try {
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE ${stored[0].part} IN ACCESS EXCLUSIVE MODE`);
      const client = new AbortController();
      const answer = fetch(`${baseUrl}/api/ui/traces/${traceId}${path}`, { signal: client.signal }).catch((err: Error) => err);
      const pid = await waitingRead();
      client.abort();
      expect(await answer).toBeInstanceOf(Error);
      await sleep(300); // the server hears the close and destroys the read's connection
      await locker.query('COMMIT');
      // the backend, unblocked, finds its client gone and exits
      let exists = true;
      for (let i = 0; i < 40 && exists; i++) {
        await sleep(50);
        exists = await backendExists(pid);
      }
      expect(exists).toBe(false);
    } finally {
      await locker.query('ROLLBACK').catch(() => {});
      locker.release();
    }
    // the server goes on answering
    expect((await fetch(`${baseUrl}/api/ui/traces/${traceId}${path}`)).status).toBe(200);
  });
}
