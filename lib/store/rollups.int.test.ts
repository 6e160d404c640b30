import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { spanKindWord } from '@/lib/model/conventions';
import { compactRollups } from '@/lib/store/compact-rollups';

// The per-minute rollups against the real server and PostgreSQL. Spans of three services over
// 100 minutes (a whole hour among them, all closed), sent in many requests so each key and minute
// gets several partial rows; then, through the HTTP API:
// - explore grouped by service, operation and status (read from the rollups; the operation names
//   here carry their kind, since a question takes three keys at most): every group's
//   count and error count equal a brute-force SQL count, every percentile is within 2% of nearest
//   rank on the raw durations, and the series add up;
// - the same question forced onto raw spans (a duration term the rollups cannot answer) agrees;
// - the services page (rollups) counts each request once with the same accuracy;
// - a compaction pass (minutes merged, the closed hours built) changes none of those answers;
// - a retried batch counts once in the rollups.

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');
const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
afterAll(() => pool.end());

const run = randomBytes(3).toString('hex');
const services = ['a', 'b', 'c'].map((s) => `roll-${run}-${s}`);
const retried = `roll-${run}-retry`;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
// a window starting on an hour 3 to 4 hours ago, 100 minutes long: its first hour is whole, all of it closed
const t0Ms = Math.floor((Date.now() - 3 * HOUR_MS) / HOUR_MS) * HOUR_MS;
const WINDOW_MS = 100 * MINUTE_MS;
const startNs = BigInt(t0Ms) * 1_000_000n;
const endNs = BigInt(t0Ms + WINDOW_MS) * 1_000_000n;

let seed = 4242;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const hex = (n: number) => randomBytes(n).toString('hex');

const send = async (service: string, spans: unknown[]) => {
  const res = await fetch(`${otlpUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ spans }] }] }),
  });
  expect(res.status).toBe(200);
};

const span = (traceId: string, parent: string | undefined, name: string, kind: number, atMs: number, durNs: bigint, status: number) => {
  const start = BigInt(atMs) * 1_000_000n + BigInt(Math.floor(rand() * 1_000_000));
  return {
    traceId, spanId: hex(8), ...(parent && { parentSpanId: parent }), name, kind,
    startTimeUnixNano: String(start), endTimeUnixNano: String(start + durNs), status: status === 0 ? {} : { code: status },
  };
};

beforeAll(async () => {
  for (const service of services) {
    for (let request = 0; request < 8; request++) {
      const spans = [];
      for (let t = 0; t < 10; t++) {
        const traceId = hex(16);
        const rootAt = t0Ms + Math.floor(rand() * WINDOW_MS);
        const root = span(traceId, undefined, `GET /r${Math.floor(rand() * 3)}`, 2, rootAt, BigInt(Math.floor(Math.exp(rand() * 23))) + 1000n, rand() < 0.2 ? 2 : 0);
        spans.push(root);
        for (let i = 0; i < 5; i++) {
          const kind = [1, 3, 2, 5][Math.floor(rand() * 4)];
          const at = t0Ms + Math.floor(rand() * WINDOW_MS);
          const status = rand() < 0.2 ? 2 : rand() < 0.4 ? 1 : 0;
          spans.push(span(traceId, root.spanId as string, `op${Math.floor(rand() * 2)}-${spanKindWord(kind)}`, kind, at, BigInt(Math.floor(Math.exp(rand() * 23))) + 1000n, status));
        }
      }
      await send(service, spans);
    }
  }
  // an exporter that lost its acknowledgement sends the same batch again
  const traceId = hex(16);
  const root = span(traceId, undefined, 'GET /again', 2, t0Ms + 5 * MINUTE_MS, 3_000_000n, 0);
  const batch = [root, span(traceId, root.spanId as string, 'work', 1, t0Ms + 5 * MINUTE_MS, 1_000_000n, 0)];
  await send(retried, batch);
  await send(retried, batch);
}, 120_000);

type Truth = { count: number; errors: number; durations: bigint[] };
const STATUS = ['unset', 'ok', 'error'];

/** Brute force over the stored rows of the window: per service, operation (with kind), status. */
const oracle = async (entryOnly = false) => {
  const { rows } = await pool.query(
    `SELECT sv.name AS service, o.name AS operation, o.kind, s.status_code AS status, count(*)::int AS n,
            count(*) FILTER (WHERE s.status_code = 2)::int AS e, array_agg(s.duration_ns::text ORDER BY s.duration_ns) AS d
     FROM spans s JOIN services sv ON sv.id = s.service_id JOIN operations o ON o.id = s.operation_id
     WHERE sv.name = ANY($1) AND s.start_ns >= $2 AND s.start_ns < $3 ${entryOnly ? 'AND (o.kind IN (2, 5) OR s.parent_span_id IS NULL)' : ''}
     GROUP BY 1, 2, 3, 4`,
    [services, String(startNs), String(endNs)],
  );
  return rows.map((r) => ({ service: r.service as string, operation: r.operation as string, kind: Number(r.kind), status: Number(r.status), count: r.n as number, errors: r.e as number, durations: (r.d as string[]).map(BigInt) }));
};

const nearestRank = (sorted: bigint[], p: number) => sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];
const within2 = (got: number, sorted: bigint[], p: number) => {
  const want = Number(nearestRank(sorted, p));
  expect(Math.abs(got - want) / want).toBeLessThan(0.02);
};

type Group = { key: Record<string, string | null>; count: number; errorCount: number; p50Ns: string; p95Ns: string; p99Ns: string; series: { t: string; count: number; errorCount: number }[] };

const scope = `resource.service.name =~ "roll-${run}-[abc]"`;
const explore = async (filter: string) => {
  const q = new URLSearchParams({ filter, groupBy: 'service,name,status', start: String(startNs), end: String(endNs), step: '1m' });
  const res = await fetch(`${baseUrl}/api/ui/aggregate?${q}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { groups: Group[] }).groups;
};
const keyOf = (g: Group) => `${g.key.service}|${g.key.name}|${g.key.status}`;
const truthKey = (t: { service: string; operation: string; status: number }) => `${t.service}|${t.operation}|${STATUS[t.status]}`;

const checkGroups = (groups: Group[], truth: (Truth & { key: string })[]) => {
  expect(groups.length).toBe(truth.length);
  const byKey = new Map(groups.map((g) => [keyOf(g), g]));
  for (const t of truth) {
    const g = byKey.get(t.key);
    expect(g, t.key).toBeDefined();
    expect(g!.count).toBe(t.count);
    expect(g!.errorCount).toBe(t.errors);
    for (const [p, field] of [[0.5, 'p50Ns'], [0.95, 'p95Ns'], [0.99, 'p99Ns']] as const) {
      within2(Number(g![field]), t.durations, p);
    }
    expect(g!.series.reduce((n, p) => n + p.count, 0)).toBe(g!.count);
    expect(g!.series.reduce((n, p) => n + p.errorCount, 0)).toBe(g!.errorCount);
  }
};

type Metrics = { services: { service: string; requests: number; errors: number; p50Us: number; p95Us: number; p99Us: number }[]; operations: { service: string; operation: string; kind: number; requests: number; errors: number; p50Us: number; p95Us: number; p99Us: number }[]; series: { service: string; requests: number }[] };
const serviceMetrics = async (window: string) => (await (await fetch(`${baseUrl}/api/ui/service-metrics?window=${window}`)).json()) as Metrics;
// the series' bucket times follow the clock; their sum is checked, not their times
const ours = (m: Metrics) => ({
  services: m.services.filter((s) => services.includes(s.service)),
  operations: m.operations.filter((s) => services.includes(s.service)),
  seriesRequests: m.series.filter((s) => services.includes(s.service)).reduce((n, p) => n + p.requests, 0),
});

const answers = async () => ({
  explore: await explore(`{ ${scope} }`),
  day: ours(await serviceMetrics('1d')),
  week: ours(await serviceMetrics('7d')),
});

describe('rollups', () => {
  let before: Awaited<ReturnType<typeof answers>>;

  test('explore by service, operation and status: counts equal the brute force, percentiles within 2% of nearest rank', async () => {
    const truth = (await oracle()).map((t) => ({ ...t, key: truthKey(t) }));
    expect(truth.reduce((n, t) => n + t.count, 0)).toBe(3 * 8 * 10 * 6);
    before = await answers();
    checkGroups(before.explore, truth);
  });

  test('the same question over raw spans agrees with the rollups', async () => {
    const raw = await explore(`{ ${scope} && duration >= 0ns }`);
    const truth = (await oracle()).map((t) => ({ ...t, key: truthKey(t) }));
    checkGroups(raw, truth);
    const rolled = new Map(before.explore.map((g) => [keyOf(g), g]));
    for (const g of raw) {
      const r = rolled.get(keyOf(g))!;
      expect([r.count, r.errorCount]).toEqual([g.count, g.errorCount]);
      // both read percentiles from the same latency sketch (the raw read buckets in SQL)
      expect([r.p50Ns, r.p95Ns, r.p99Ns]).toEqual([g.p50Ns, g.p95Ns, g.p99Ns]);
      // minute steps from a window that starts on a minute: the same buckets
      expect(r.series.map((p) => [p.t, p.count, p.errorCount])).toEqual(g.series.map((p) => [p.t, p.count, p.errorCount]));
    }
  });

  test('the services page: requests and errors per operation equal the brute force over entry spans, percentiles within 2%', async () => {
    const truth = await oracle(true);
    for (const m of [before.day, before.week]) {
      const byOp = new Map<string, Truth>();
      for (const t of truth) {
        const k = `${t.service}|${t.operation}|${t.kind}`;
        const acc = byOp.get(k) ?? { count: 0, errors: 0, durations: [] };
        acc.count += t.count;
        acc.errors += t.errors;
        acc.durations = [...acc.durations, ...t.durations].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        byOp.set(k, acc);
      }
      expect(m.operations.length).toBe(byOp.size);
      for (const op of m.operations) {
        const t = byOp.get(`${op.service}|${op.operation}|${op.kind}`)!;
        expect([op.requests, op.errors]).toEqual([t.count, t.errors]);
        within2(op.p50Us * 1000, t.durations, 0.5);
        within2(op.p95Us * 1000, t.durations, 0.95);
        within2(op.p99Us * 1000, t.durations, 0.99);
      }
      for (const s of m.services) {
        const all = [...byOp].filter(([k]) => k.startsWith(`${s.service}|`)).map(([, t]) => t);
        expect(s.requests).toBe(all.reduce((n, t) => n + t.count, 0));
        within2(s.p95Us * 1000, all.flatMap((t) => t.durations).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 0.95);
      }
      expect(m.seriesRequests).toBe(m.services.reduce((n, s) => n + s.requests, 0));
    }
  });

  test('compaction merges the partial rows and builds the closed hours, and every answer stays the same', async () => {
    const db = new pg.Client({ connectionString: inject('databaseUrl') });
    await db.connect();
    try {
      const levels = async () => {
        const { rows } = await db.query<{ level: number; n: number }>(
          `SELECT r.level, count(*)::int AS n FROM span_rollups r JOIN services sv ON sv.id = r.service_id WHERE sv.name = ANY($1) GROUP BY 1 ORDER BY 1`,
          [services],
        );
        return Object.fromEntries(rows.map((r) => [r.level, r.n]));
      };
      // the server's own pass may have run meanwhile; run passes until nothing is left to do
      for (let i = 0; i < 20; i++) {
        const result = await compactRollups({ db, nowNs: BigInt(Date.now()) * 1_000_000n });
        if (!result.skipped && result.hours === 0 && result.minutes === 0) break;
        if (result.skipped) await new Promise((r) => setTimeout(r, 500));
      }
      const after = await levels();
      // Citus has no rollups (lib/store/write/aggregate-rollups.ts): its answers come from raw spans
      const citus = (await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).rowCount === 1;
      if (citus) {
        expect(after).toEqual({});
        expect(await answers()).toEqual(before);
        return;
      }
      expect(after[0]).toBeUndefined(); // no partial row left in a closed minute
      expect(after[2]).toBeGreaterThan(0); // the closed hours are built
      // one row per key and minute now
      const { rows: dup } = await db.query(
        `SELECT 1 FROM span_rollups r JOIN services sv ON sv.id = r.service_id WHERE sv.name = ANY($1) AND r.level = 1
         GROUP BY r.bucket_ns, r.service_id, r.operation_id, r.status_code, r.entry HAVING count(*) > 1`,
        [services],
      );
      expect(dup).toEqual([]);
    } finally {
      await db.end();
    }
    expect(await answers()).toEqual(before);
  });

  test('a rollup question may span 7 days (hour steps by default), a raw one 6 hours', async () => {
    const end = BigInt(Date.now()) * 1_000_000n;
    const day = (groupBy: string, days: bigint) => fetch(`${baseUrl}/api/ui/aggregate?${new URLSearchParams({ filter: `{ ${scope} }`, groupBy, start: String(end - days * 86_400_000_000_000n), end: String(end) })}`);
    const ok = await day('service,status', 1n);
    expect(ok.status).toBe(200);
    const answer = (await ok.json()) as { stepNs: string; groups: Group[] };
    expect(answer.stepNs).toBe('3600000000000');
    expect(answer.groups.filter((g) => services.includes(g.key.service!)).reduce((n, g) => n + g.count, 0)).toBe(3 * 8 * 10 * 6);
    const week = await day('service', 8n);
    expect(week.status).toBe(400);
    expect((await week.json()).error).toMatchObject({ param: 'start', message: expect.stringMatching(/at most 7 days/) });
    const raw = await day('span.http.route', 1n);
    expect(raw.status).toBe(400);
    expect((await raw.json()).error.message).toMatch(/at most 6 hours/);
  });

  test('the services page answers the window it read: a day or a week from the hour, an hour from now minus an hour', async () => {
    for (const [window, hours] of [['1d', 24], ['7d', 168]] as const) {
      const { window: w } = (await (await fetch(`${baseUrl}/api/ui/service-metrics?window=${window}`)).json()) as { window: { startMs: number; endMs: number } };
      expect(w.startMs % HOUR_MS).toBe(0);
      expect(w.endMs - w.startMs).toBeGreaterThanOrEqual(hours * HOUR_MS);
      expect(w.endMs - w.startMs).toBeLessThan((hours + 1) * HOUR_MS);
    }
    const { window: hour } = (await (await fetch(`${baseUrl}/api/ui/service-metrics?window=1h`)).json()) as { window: { startMs: number; endMs: number } };
    expect(hour.endMs - hour.startMs).toBe(HOUR_MS);
  });

  test('a retried batch counts once in the rollups (stored twice in spans)', async () => {
    const m = await serviceMetrics('1d');
    expect(m.services.find((s) => s.service === retried)?.requests).toBe(1);
    const q = new URLSearchParams({ filter: `{ resource.service.name = "${retried}" }`, start: String(startNs), end: String(endNs), step: '1m' });
    const rolled = (await (await fetch(`${baseUrl}/api/ui/aggregate?${q}`)).json()) as { groups: Group[] };
    // Citus has no rollups: its explore reads raw spans, which count stored rows
    const citus = (await pool.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).rowCount === 1;
    expect(rolled.groups[0].count).toBe(citus ? 4 : 2);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM spans s JOIN services sv ON sv.id = s.service_id WHERE sv.name = $1`, [retried]);
    expect(rows[0].n).toBe(4);
  });
});
