import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { compactRollups } from '@/lib/store/compact-rollups';
import { listExceptionEvents } from '@/lib/store/read/list-exception-events';
import { readRequestRollupStats } from '@/lib/store/read/read-request-rollups';
import { groupExceptions } from '@/lib/traces/group-exceptions';

// The open hour's hour rows, of spans and of exceptions (lib/store/compact-rollups.ts): the pass
// keeps them equal to the merge of the hour's minute rows while the hour is still open (built once, then the moved partial rows
// merged in), so a window that ends now reads that hour from them and gets the same numbers as
// from its minutes. The passes run here with a chosen "now" inside an hour eight hours back, while
// this test holds the compaction lock, so the server's own passes (real now) wait.

const otlpUrl = inject('otlpUrl');
process.env.DATABASE_URL ??= inject('databaseUrl'); // the reader is called directly

const db = new pg.Client({ connectionString: inject('databaseUrl') });
const LOCK_KEY = 7_201_960; // compact-rollups.ts
const MINUTE_NS = 60_000_000_000n;
const HOUR_NS = 60n * MINUTE_NS;
const H = (BigInt(Date.now() - 8 * 3_600_000) * 1_000_000n / HOUR_NS) * HOUR_NS;
const service = `open-hour-${randomBytes(3).toString('hex')}`;
let seed = 99;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const hex = (n: number) => randomBytes(n).toString('hex');

/** Sends `requests` requests of root spans (requests of the service) and client spans, starting in minutes [from, to) of H. */
const send = async (from: number, to: number, requests = 4) => {
  for (let r = 0; r < requests; r++) {
    const spans = Array.from({ length: 20 }, (_, i) => {
      const start = H + BigInt(from) * MINUTE_NS + BigInt(Math.floor(rand() * (to - from) * 60_000)) * 1_000_000n;
      const dur = BigInt(Math.floor(Math.exp(8 + rand() * 14)));
      const failed = rand() < 0.2;
      // a failed span carries an exception event, of one of two types, its message with an id
      const exception = {
        name: 'exception', timeUnixNano: String(start + 1000n),
        attributes: [
          { key: 'exception.type', value: { stringValue: i % 2 === 0 ? 'NotFound' : 'Timeout' } },
          { key: 'exception.message', value: { stringValue: `order ${Math.floor(rand() * 10_000)} failed` } },
        ],
      };
      return {
        traceId: hex(16), spanId: hex(8), name: `GET /o${i % 3}`, kind: i % 4 === 0 ? 3 : 2,
        startTimeUnixNano: String(start), endTimeUnixNano: String(start + dur), status: failed ? { code: 2 } : {},
        ...(failed && { events: [exception] }),
      };
    });
    const res = await fetch(`${otlpUrl}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ spans }] }] }),
    });
    expect(res.status).toBe(200);
  }
};

/** A pass at `now` minutes after H (the grace of a minute included). */
const pass = (minutes: number) => compactRollups({ db, nowNs: H + BigInt(minutes) * MINUTE_NS });

/** Per key and bucket id of H: where the hour rows and the merged minute rows differ (empty when equal), and the levels present. */
const hourState = async () => {
  const { rows: differ } = await db.query(
    `SELECT r.operation_id, r.status_code, r.entry, u.b,
            sum(u.n) FILTER (WHERE r.level = 1) AS minutes, sum(u.n) FILTER (WHERE r.level = 2) AS hour
     FROM span_rollups r JOIN services sv ON sv.id = r.service_id, unnest(r.buckets, r.counts) AS u(b, n)
     WHERE sv.name = $1 AND r.bucket_ns >= $2 AND r.bucket_ns < $3 AND r.level IN (1, 2)
     GROUP BY 1, 2, 3, 4
     HAVING sum(u.n) FILTER (WHERE r.level = 1) IS DISTINCT FROM sum(u.n) FILTER (WHERE r.level = 2)`,
    [service, String(H), String(H + HOUR_NS)],
  );
  const { rows: levels } = await db.query<{ level: number; n: number; last: string; text_ok: boolean }>(
    `SELECT r.level, count(*)::int AS n, max(r.bucket_ns)::text AS last,
            bool_and(r.level <> 2 OR r.hist = array_to_string(r.buckets || r.counts, ',')) AS text_ok
     FROM span_rollups r JOIN services sv ON sv.id = r.service_id WHERE sv.name = $1 GROUP BY 1 ORDER BY 1`,
    [service],
  );
  const { rows: xDiffer } = await db.query(
    `SELECT r.operation_id, r.type, r.fingerprint,
            sum(r.count) FILTER (WHERE r.level = 1) AS minutes, sum(r.count) FILTER (WHERE r.level = 2) AS hour,
            min(r.first_ns) FILTER (WHERE r.level = 1) AS first1, min(r.first_ns) FILTER (WHERE r.level = 2) AS first2,
            max(r.last_ns) FILTER (WHERE r.level = 1) AS last1, max(r.last_ns) FILTER (WHERE r.level = 2) AS last2
     FROM exception_rollups r JOIN services sv ON sv.id = r.service_id
     WHERE sv.name = $1 AND r.bucket_ns >= $2 AND r.bucket_ns < $3 AND r.level IN (1, 2)
     GROUP BY 1, 2, 3
     HAVING sum(r.count) FILTER (WHERE r.level = 1) IS DISTINCT FROM sum(r.count) FILTER (WHERE r.level = 2)
         OR min(r.first_ns) FILTER (WHERE r.level = 1) IS DISTINCT FROM min(r.first_ns) FILTER (WHERE r.level = 2)
         OR max(r.last_ns) FILTER (WHERE r.level = 1) IS DISTINCT FROM max(r.last_ns) FILTER (WHERE r.level = 2)`,
    [service, String(H), String(H + HOUR_NS)],
  );
  const { rows: xLevels } = await db.query<{ level: number; n: number }>(
    `SELECT r.level, count(*)::int AS n FROM exception_rollups r JOIN services sv ON sv.id = r.service_id WHERE sv.name = $1 GROUP BY 1`,
    [service],
  );
  return { differ: [...differ, ...xDiffer], levels: Object.fromEntries(levels.map((l) => [l.level, l])), xLevels: Object.fromEntries(xLevels.map((l) => [l.level, l.n])) };
};

/** The requests of the service over [H, H + minutes) read with and without the open hour's hour rows. */
const bothWays = async (minutes: number) => {
  const window = { startNs: H, endNs: H + BigInt(minutes) * MINUTE_NS, bucketNs: HOUR_NS };
  const [fromHour, fromMinutes] = await Promise.all([
    readRequestRollupStats({ ...window, endsNow: true }),
    readRequestRollupStats({ ...window, endsNow: false }),
  ]);
  const ours = (s: typeof fromHour) => ({
    services: s.services.filter((x) => x.service === service),
    operations: s.operations.filter((x) => x.service === service),
    series: s.series.filter((x) => x.service === service),
  });
  // the exception groups of the window, by hour buckets, with and without the open hour's hour rows
  const exceptions = { startNs: H, endNs: window.endNs, stepNs: HOUR_NS, service, maxRows: 10_000 };
  const [xFromHour, xFromMinutes] = await Promise.all([
    listExceptionEvents({ ...exceptions, endsNow: true }),
    listExceptionEvents({ ...exceptions, endsNow: false }),
  ]);
  return {
    fromHour: { ...ours(fromHour), exceptions: groupExceptions(xFromHour.rows) },
    fromMinutes: { ...ours(fromMinutes), exceptions: groupExceptions(xFromMinutes.rows) },
  };
};

beforeAll(async () => {
  await db.connect();
  await db.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
});
afterAll(async () => {
  await db.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
  await db.end();
});

test('the open hour: its hour rows equal its merged minutes after every pass, and read the same as them', { timeout: 120_000 }, async () => {
  await send(0, 30);
  const citus = (await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).rowCount === 1;
  if (citus) {
    // Citus has no rollups (lib/store/write/aggregate-rollups.ts)
    expect((await hourState()).levels).toEqual({});
    return;
  }
  // 21 minutes into H: minutes 0-19 closed; the hour is built from them
  await pass(21);
  let state = await hourState();
  expect(state.differ).toEqual([]);
  expect(state.levels[2]).toMatchObject({ text_ok: true });
  expect(Number(state.levels[2].n)).toBeGreaterThan(0);
  expect(BigInt(state.levels[0].last)).toBeGreaterThanOrEqual(H + 20n * MINUTE_NS); // minutes 20-29 wait

  // late spans in compacted minutes and new ones; 41 minutes in: the moved rows are merged into the built hour
  await send(5, 15, 2);
  await send(25, 38, 3);
  await pass(41);
  state = await hourState();
  expect(state.differ).toEqual([]);
  expect(state.levels[2]).toMatchObject({ text_ok: true });
  expect(state.levels[0]).toBeUndefined();

  // a window ending "now" reads the open hour from its hour rows: the same numbers as from its minutes
  const read = await bothWays(41);
  expect(read.fromHour).toEqual(read.fromMinutes);
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM spans s JOIN services sv ON sv.id = s.service_id WHERE sv.name = $1 AND s.start_ns >= $2 AND s.start_ns < $3`,
    [service, String(H), String(H + HOUR_NS)],
  );
  expect(read.fromHour.services[0].requests).toBe(rows[0].n); // every span here is a request (roots)
  const { rows: failed } = await db.query(
    `SELECT count(*)::int AS n FROM spans s JOIN services sv ON sv.id = s.service_id WHERE sv.name = $1 AND s.events IS NOT NULL`,
    [service],
  );
  // two groups (a type each; the ids in the messages masked), every exception event counted once
  expect(read.fromHour.exceptions.map((g) => g.type).sort()).toEqual(['NotFound', 'Timeout']);
  expect(read.fromHour.exceptions.reduce((n, g) => n + g.count, 0)).toBe(failed[0].n);
  expect(state.xLevels[2]).toBeGreaterThan(0);

  // the hour closes: rebuilt from its minutes once more, still equal
  await send(50, 59, 1);
  await pass(121);
  state = await hourState();
  expect(state.differ).toEqual([]);
  expect(state.levels[0]).toBeUndefined();
  const closed = await bothWays(60);
  expect(closed.fromHour).toEqual(closed.fromMinutes);
});
