import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { dictionaryKey } from '@/lib/store/write/stored-keys';

// GET /api/ui/aggregate against the real server and PostgreSQL: spans generated with known
// attributes are sent over OTLP, and every group's count, error count and percentiles are
// checked against a brute-force SQL pass over the same rows (percentiles by nearest rank on the
// raw durations, computed here). The attributes are keys other tests use too (a test's new keys
// lengthen every dictionary id after them: lib/store/write/attribute-keys.int.test.ts); bad parameters are 400s naming the parameter.

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');
const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
afterAll(() => pool.end());

const run = randomBytes(3).toString('hex');
const services = [`agg-${run}-web`, `agg-${run}-api`];
const ROUTES = ['/a', '/b', '/c', '/d'];
const TIERS = ['gold', 'silver', undefined];
const baseMs = Date.now() - 20 * 60_000;

// a small deterministic generator, so a failure can be replayed
let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];

const send = async (service: string, spans: unknown[]) => {
  const res = await fetch(`${otlpUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ spans }] }],
    }),
  });
  expect(res.status).toBe(200);
};

const hex = (n: number) => randomBytes(n).toString('hex');

beforeAll(async () => {
  for (const service of services) {
    for (let t = 0; t < 40; t++) {
      const traceId = hex(16);
      const spans = Array.from({ length: 5 }, (_, i) => {
        const startNs = BigInt(baseMs + Math.floor(rand() * 15 * 60_000)) * 1_000_000n;
        const durNs = BigInt(Math.floor(rand() * 2_000_000_000) + 1000);
        const tier = pick(TIERS);
        return {
          traceId, spanId: hex(8), name: `op${i % 2}`, kind: i === 0 ? 2 : 1,
          startTimeUnixNano: String(startNs), endTimeUnixNano: String(startNs + durNs),
          status: rand() < 0.15 ? { code: 2 } : {},
          attributes: [
            { key: 'http.route', value: { stringValue: pick(ROUTES) } },
            ...(tier ? [{ key: 'http.method', value: { stringValue: tier } }] : []),
            { key: 'http.status_code', value: { intValue: String(200 + Math.floor(rand() * 3)) } },
          ],
        };
      });
      await send(service, spans);
    }
  }
}, 60_000);

const windowParams = () => `start=${BigInt(baseMs - 60_000) * 1_000_000n}&end=${BigInt(baseMs + 16 * 60_000) * 1_000_000n}`;
const scope = encodeURIComponent(`{ resource.service.name =~ "agg-${run}-.*" }`);

const get = async (query: string) => {
  const res = await fetch(`${baseUrl}/api/ui/aggregate${query.includes('selection=') ? '/compare' : ''}?${query}`);
  return { status: res.status, body: await res.json() };
};

/** The stored form of an attribute key (dictionary or literal), read from the store, for the oracle. */
const storedKey = async (key: string) => {
  const { rows } = await pool.query('SELECT id FROM attribute_keys WHERE key = $1', [key]);
  return rows.length > 0 ? dictionaryKey(rows[0].id) : key;
};

type Truth = { count: number; errors: number; durations: bigint[] };

/** Brute force: every span row of this test's services, grouped in SQL by service and by the stored value of `attr`. */
const oracle = async (attr: string, where = 'TRUE') => {
  const k = await storedKey(attr);
  const { rows } = await pool.query(
    `SELECT sv.name AS service, s.attributes ->> $1 AS value, count(*)::int AS n,
            count(*) FILTER (WHERE s.status_code = 2)::int AS e,
            array_agg(s.duration_ns::text ORDER BY s.duration_ns) AS d
     FROM spans s JOIN services sv ON sv.id = s.service_id
     WHERE sv.name = ANY($2) AND ${where} GROUP BY 1, 2`,
    [k, services],
  );
  return new Map<string, Truth>(rows.map((r) => [`${r.service}|${r.value}`, { count: r.n, errors: r.e, durations: r.d.map(BigInt) }]));
};

const nearestRank = (sorted: bigint[], p: number) => sorted[Math.ceil(p * sorted.length) - 1];

type Group = { key: Record<string, string | null>; count: number; errorCount: number; p50Ns: string; p95Ns: string; p99Ns: string; series: { t: string; count: number; errorCount: number }[]; searchQuery: string };

const checkAgainst = (groups: Group[], truth: Map<string, Truth>, keyOf: (g: Group) => string) => {
  expect(groups.length).toBe(truth.size);
  for (const g of groups) {
    const t = truth.get(keyOf(g));
    expect(t, keyOf(g)).toBeDefined();
    expect(g.count).toBe(t!.count);
    expect(g.errorCount).toBe(t!.errors);
    // within 2% of the nearest rank of the raw durations (the bound; raw reads and the
    // rollups both read percentiles from the latency sketch)
    for (const [p, field] of [[0.5, 'p50Ns'], [0.95, 'p95Ns'], [0.99, 'p99Ns']] as const) {
      const want = Number(nearestRank(t!.durations, p));
      expect(Math.abs(Number(g[field]) - want) / want).toBeLessThanOrEqual(0.02);
    }
    expect(g.series.reduce((n, p) => n + p.count, 0)).toBe(g.count);
    expect(g.series.reduce((n, p) => n + p.errorCount, 0)).toBe(g.errorCount);
  }
};

describe('GET /api/ui/aggregate', () => {
  test('grouped by service and span.http.route: counts, errors and percentiles equal the brute force', async () => {
    const { status, body } = await get(`filter=${scope}&groupBy=resource.service.name,span.http.route&${windowParams()}&step=1m`);
    expect(status).toBe(200);
    expect(body.groups.length).toBe(8);
    expect(body.totalGroups).toBe(8);
    checkAgainst(body.groups, await oracle('http.route'), (g) => `${g.key['resource.service.name']}|${g.key['span.http.route']}`);
    // largest first, and the series' times are steps from the window's start
    const counts = body.groups.map((g: Group) => g.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const startNs = BigInt(baseMs - 60_000) * 1_000_000n;
    for (const p of body.groups[0].series) expect((BigInt(p.t) - startNs) % 60_000_000_000n).toBe(0n);
  });

  test('a missing key groups under null, and the filter narrows the spans (errors only)', async () => {
    const filter = encodeURIComponent(`{ resource.service.name =~ "agg-${run}-.*" && status = error }`);
    const { status, body } = await get(`filter=${filter}&groupBy=service,.http.method&${windowParams()}`);
    expect(status).toBe(200);
    const truth = await oracle('http.method', 's.status_code = 2');
    checkAgainst(body.groups, truth, (g) => `${g.key.service}|${g.key['.http.method']}`);
    expect(body.groups.some((g: Group) => g.key['.http.method'] === null)).toBe(true);
    for (const g of body.groups as Group[]) expect(g.errorCount).toBe(g.count);
  });

  test('an int attribute groups by its value, and each group names the query that finds its spans', async () => {
    const { body } = await get(`filter=${scope}&groupBy=span.http.status_code&${windowParams()}`);
    const truth = new Map<string, number>();
    for (const [k, v] of await oracle('http.status_code')) truth.set(k.split('|')[1], (truth.get(k.split('|')[1]) ?? 0) + v.count);
    expect(Object.fromEntries(body.groups.map((g: Group) => [g.key['span.http.status_code'], g.count]))).toEqual(Object.fromEntries(truth));
    const g = body.groups[0] as Group;
    expect(g.searchQuery).toBe(`{ resource.service.name =~ "agg-${run}-.*" && span.http.status_code = ${g.key['span.http.status_code']} }`);
    // the group's own query, aggregated again, is exactly that group
    const again = await get(`filter=${encodeURIComponent(g.searchQuery)}&${windowParams()}`);
    expect(again.body.groups).toHaveLength(1);
    expect(again.body.groups[0].count).toBe(g.count);
  });

  test('without groupBy: one group of every matching span, and a histogram that counts them all', async () => {
    const { body } = await get(`filter=${scope}&${windowParams()}`);
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0].key).toEqual({});
    expect(body.groups[0].count).toBe(400);
    expect(body.histogram.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(400);
    // a brushed range of the histogram as a duration filter: exactly the spans in its buckets
    const some = body.histogram.slice(2, 6) as { lowNs: string; highNs: string; count: number }[];
    const filter = encodeURIComponent(`{ resource.service.name =~ "agg-${run}-.*" && duration >= ${some[0].lowNs}ns && duration < ${some[some.length - 1].highNs}ns }`);
    const narrowed = await get(`filter=${filter}&${windowParams()}`);
    expect(narrowed.body.groups[0].count).toBe(some.reduce((n, b) => n + b.count, 0));
  });

  test.each([
    ['filter={ nope', 'filter'],
    [`filter=${encodeURIComponent('{ .a = 1 } && { .b = 2 }')}`, 'filter'],
    [`filter=${encodeURIComponent('{ } | count() > 2')}`, 'filter'],
    [`filter=${encodeURIComponent('{ trace:duration > 1s }')}`, 'filter'],
    ['groupBy=a,b,c,d', 'groupBy'],
    ['groupBy=span.a,span.b,span.c,span.d', 'groupBy'],
    ['groupBy=event.x', 'groupBy'],
    ['groupBy=duration', 'groupBy'],
    ['start=yesterday', 'start'],
    ['end=12.5', 'end'],
    ['start=2000000000000000000&end=1000000000000000000', 'start'],
    ['step=fast', 'step'],
    ['step=1ms', 'step'],
    ['step=0s', 'step'],
  ])('%s is a 400 naming %s', async (query, param) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body.error.param).toBe(param);
  });

  test('a window wider than a raw scan may read is a 400 saying the limit', async () => {
    const end = BigInt(Date.now()) * 1_000_000n;
    const { status, body } = await get(`groupBy=span.http.route&start=${end - 7n * 3_600_000_000_000n}&end=${end}`);
    expect(status).toBe(400);
    expect(body.error.param).toBe('start');
    expect(body.error.message).toMatch(/at most 6 hours/);
  });

  test('compare: each listed value\'s share of the selection and of the rest equals the brute force', async () => {
    const selection = encodeURIComponent('{ status = error }');
    const { status, body } = await get(`filter=${scope}&selection=${selection}&${windowParams()}`);
    expect(status).toBe(200);
    const errors = [...(await oracle('http.route', 's.status_code = 2')).values()].reduce((n, t) => n + t.count, 0);
    expect(body.selectedSpans).toBe(errors);
    expect(body.restSpans).toBe(400 - errors);
    expect(body.differences.length).toBeGreaterThan(0);
    const truth = new Map<string, { s: number; r: number }>();
    for (const attr of ['http.route', 'http.method']) {
      const all = await oracle(attr);
      const err = await oracle(attr, 's.status_code = 2');
      for (const [k, t] of all) {
        const value = k.split('|')[1];
        const id = `span.${attr}=${value}`;
        const e = truth.get(id) ?? { s: 0, r: 0 };
        e.s += err.get(k)?.count ?? 0;
        e.r += t.count - (err.get(k)?.count ?? 0);
        truth.set(id, e);
      }
    }
    let checked = 0;
    let last = Infinity;
    for (const d of body.differences as { key: string; value: string; selectedPct: number; restPct: number; selected: number; rest: number }[]) {
      expect(d.selectedPct).toBeGreaterThan(d.restPct);
      expect(d.selectedPct - d.restPct).toBeLessThanOrEqual(last + 1e-9);
      last = d.selectedPct - d.restPct;
      const t = truth.get(`${d.key}=${d.value}`);
      if (!t) continue;
      expect([d.selected, d.rest]).toEqual([t.s, t.r]);
      expect(d.selectedPct).toBeCloseTo((100 * t.s) / errors, 9);
      expect(d.restPct).toBeCloseTo((100 * t.r) / (400 - errors), 9);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  test.each([
    ['', 'selection'],
    [`selection=${encodeURIComponent('{ a')}`, 'selection'],
    [`selection=${encodeURIComponent('{ .a = 1 } >> { .b = 2 }')}`, 'selection'],
  ])('compare with %s is a 400 naming %s', async (query, param) => {
    const res = await fetch(`${baseUrl}/api/ui/aggregate/compare?${query}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.param).toBe(param);
  });
});
