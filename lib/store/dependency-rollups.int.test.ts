import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { compactRollups } from '@/lib/store/compact-rollups';
import { otlpRequest, postOtlpJson } from '@/lib/test/otlp-json-request';

// The dependency graph from the service calls' hour rows (call_rollups, written by the writer as
// changes to the trace summaries' calls; lib/store/read/get-dependencies.ts reads whole hours from
// them and the window's ends from the summaries). Traces of four services over five closed hours,
// their spans sent service by service in several requests (so each summary is rewritten as its
// calls grow), a trace whose start moves an hour back when its root arrives last, and a retried
// request. Through /api/dependencies, for windows on hour edges, inside hours, inside one hour and
// ending now: the answer equals the calls of the window's summaries summed directly, before and
// after a compaction pass; the whole window also equals the calls as sent.

const baseUrl = inject('baseUrl');
const otlpUrl = inject('otlpUrl');
const db = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
afterAll(() => db.end());

const run = randomBytes(3).toString('hex');
const [front, api, store, cache] = ['front', 'api', 'store', 'cache'].map((s) => `dep-${run}-${s}`);
const ours = [front, api, store, cache];
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const t0Ms = Math.floor((Date.now() - 7 * HOUR_MS) / HOUR_MS) * HOUR_MS; // five whole hours from t0, closed
const hex = (n: number) => randomBytes(n).toString('hex');
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

type OtlpSpan = { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; startTimeUnixNano: string; endTimeUnixNano: string };
const span = (traceId: string, parent: OtlpSpan | undefined, name: string, atMs: number): OtlpSpan => {
  const start = BigInt(atMs) * 1_000_000n;
  return {
    traceId, spanId: hex(8), ...(parent && { parentSpanId: parent.spanId }), name, kind: 2,
    startTimeUnixNano: String(start), endTimeUnixNano: String(start + 5_000_000n),
  };
};

const send = async (service: string, spans: OtlpSpan[]) => expect((await postOtlpJson(otlpUrl, otlpRequest(service, spans))).status).toBe(200);

/** the calls as sent, by "parent>child" */
const sent = new Map<string, number>();
const call = (parent: string, child: string, n = 1) => sent.set(`${parent}>${child}`, (sent.get(`${parent}>${child}`) ?? 0) + n);

beforeAll(async () => {
  const byService = new Map<string, OtlpSpan[]>(ours.map((s) => [s, []]));
  for (let t = 0; t < 80; t++) {
    const traceId = hex(16);
    const at = t0Ms + Math.floor(rand() * 5 * HOUR_MS);
    const root = span(traceId, undefined, 'GET /', at);
    const handler = span(traceId, root, 'handle', at + 1);
    byService.get(front)!.push(root);
    byService.get(api)!.push(handler);
    call(front, api);
    const queries = 1 + Math.floor(rand() * 3);
    for (let q = 0; q < queries; q++) byService.get(store)!.push(span(traceId, handler, 'query', at + 2 + q));
    call(api, store, queries);
    if (rand() < 0.5) {
      byService.get(cache)!.push(span(traceId, root, 'get', at + 2));
      call(front, cache);
    }
  }
  // each service's spans in requests of 20: a trace's summary is written, then rewritten three times
  for (const service of [store, api, cache, front]) {
    const spans = byService.get(service)!;
    for (let i = 0; i < spans.length; i += 20) await send(service, spans.slice(i, i + 20));
  }
  // a trace whose root arrives last and starts 40 minutes earlier, in the hour before its other spans
  const late = hex(16);
  const lateRoot = span(late, undefined, 'GET /late', t0Ms + 2 * HOUR_MS + 50 * MINUTE_MS);
  const lateHandler = span(late, lateRoot, 'handle', t0Ms + 3 * HOUR_MS + 30 * MINUTE_MS);
  await send(api, [lateHandler]);
  await send(store, [span(late, lateHandler, 'query', t0Ms + 3 * HOUR_MS + 31 * MINUTE_MS)]);
  await send(front, [lateRoot]);
  call(front, api);
  call(api, store);
  // an exporter that lost its acknowledgement sends the same request again
  const again = hex(16);
  const againRoot = span(again, undefined, 'GET /again', t0Ms + HOUR_MS + 5 * MINUTE_MS);
  await send(front, [againRoot]);
  const retried = [span(again, againRoot, 'handle', t0Ms + HOUR_MS + 5 * MINUTE_MS + 1)];
  await send(api, retried);
  await send(api, retried);
  call(front, api);
});

/** The calls between our services of the summaries starting in [fromMs, toMs] (the window /api/dependencies reads), summed directly. */
const fromSummaries = async (fromMs: number, toMs: number) => {
  const { rows } = await db.query<{ parent: string; child: string; n: string }>(
    `SELECT ps.name AS parent, cs.name AS child, sum(c.n)::text AS n
     FROM (SELECT unnest(call_parent_ids) AS p, unnest(call_child_ids) AS c, unnest(call_counts) AS n
           FROM trace_summaries WHERE start_ns BETWEEN $1 AND $2) c
     JOIN services ps ON ps.id = c.p JOIN services cs ON cs.id = c.c
     WHERE ps.name = ANY($3) GROUP BY 1, 2 ORDER BY 1, 2`,
    [String(BigInt(fromMs) * 1_000_000n), String(BigInt(toMs) * 1_000_000n), ours],
  );
  return rows.map((r) => ({ parent: r.parent, child: r.child, callCount: Number(r.n) }));
};

const fromApi = async (fromMs: number, toMs: number) => {
  const res = await fetch(`${baseUrl}/api/dependencies?endTs=${toMs}&lookback=${toMs - fromMs}`);
  expect(res.status).toBe(200);
  const links = ((await res.json()) as { data: { parent: string; child: string; callCount: number }[] }).data;
  return links.filter((l) => ours.includes(l.parent)).sort((a, b) => a.parent.localeCompare(b.parent) || a.child.localeCompare(b.child));
};

const windows = (): [string, number, number][] => [
  ['whole hours around all of it', t0Ms - HOUR_MS, t0Ms + 6 * HOUR_MS - 1],
  ['hour edges inside it', t0Ms + HOUR_MS, t0Ms + 4 * HOUR_MS - 1],
  ['edges inside hours', t0Ms + 17 * MINUTE_MS, t0Ms + 3 * HOUR_MS + 41 * MINUTE_MS],
  ['inside one hour', t0Ms + 2 * HOUR_MS + 10 * MINUTE_MS, t0Ms + 2 * HOUR_MS + 55 * MINUTE_MS],
  ['a late root alone', t0Ms + 2 * HOUR_MS + 50 * MINUTE_MS, t0Ms + 2 * HOUR_MS + 50 * MINUTE_MS + 1],
  ['ending now', t0Ms + 33 * MINUTE_MS, Date.now()],
];

const checkAll = async () => {
  for (const [name, from, to] of windows()) {
    const expected = await fromSummaries(from, to);
    expect(await fromApi(from, to), name).toEqual(expected);
  }
  const whole = await fromApi(t0Ms - HOUR_MS, Date.now());
  expect(Object.fromEntries(whole.map((l) => [`${l.parent}>${l.child}`, l.callCount]))).toEqual(Object.fromEntries(sent));
};

test('every window answers the calls of its summaries, from the hour rows and the summaries at its ends', async () => {
  await checkAll();
  // the late root moved its trace to the hour before: the calls of that trace are counted there only
  const lateHour = await fromApi(t0Ms + 2 * HOUR_MS, t0Ms + 3 * HOUR_MS - 1);
  const nextHour = await fromApi(t0Ms + 3 * HOUR_MS, t0Ms + 4 * HOUR_MS - 1);
  expect(lateHour).toEqual(await fromSummaries(t0Ms + 2 * HOUR_MS, t0Ms + 3 * HOUR_MS - 1));
  expect(nextHour).toEqual(await fromSummaries(t0Ms + 3 * HOUR_MS, t0Ms + 4 * HOUR_MS - 1));
});

test('a compaction pass merges each hour to one row per pair and changes no answer', async () => {
  const citus = (await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).rowCount === 1;
  const rowsOf = async () => {
    const { rows } = await db.query<{ level: number; n: number; pairs: number }>(
      `SELECT r.level, count(*)::int AS n, count(DISTINCT (r.bucket_ns, r.parent_id, r.child_id))::int AS pairs
       FROM call_rollups r JOIN services ps ON ps.id = r.parent_id WHERE ps.name = ANY($1) GROUP BY 1 ORDER BY 1`,
      [ours],
    );
    return rows;
  };
  if (citus) {
    // Citus writes no rollups (lib/store/write/aggregate-rollups.ts): its answers come from the summaries
    expect(await rowsOf()).toEqual([]);
    return;
  }
  const client = await db.connect();
  try {
    // the server's own pass may hold the lock; run passes until one has run
    for (let i = 0; i < 40; i++) {
      const result = await compactRollups({ db: client, nowNs: BigInt(Date.now()) * 1_000_000n });
      if (!result.skipped) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    client.release();
  }
  const after = await rowsOf();
  expect(after.map((r) => r.level)).toEqual([1]);
  expect(after[0].n).toBe(after[0].pairs);
  await checkAll();
});
