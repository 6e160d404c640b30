import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, inject, test } from 'vitest';
import { otlpRequest, otlpSpan, postOtlpJson, randomHexId } from '@/lib/test/otlp-json-request';

// The per-trace summary the writer keeps (trace_summaries), read straight from the table: one
// correct row whatever order, grouping and repetition the trace's spans arrive in.

const otlpUrl = inject('otlpUrl');
const db = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
afterAll(() => db.end());

type Summary = {
  span_count: number; error_count: number; entry_span_count: number; orphan_span_count: number; root_rule: number;
  root_span_id: string; root_service: string; root_operation: string; start_ns: string; end_ns: string; duration_ns: string;
  services: Record<string, [number, number]>; day: number; exact: boolean; calls: string[];
};

const summariesOf = async (traceId: string): Promise<Summary[]> =>
  (
    await db.query<Summary>(
      `SELECT t.span_count, t.error_count, t.entry_span_count, t.orphan_span_count, t.root_rule, encode(t.root_span_id, 'hex') AS root_span_id,
              rs.name AS root_service, o.name AS root_operation, t.start_ns::text, t.end_ns::text, t.duration_ns::text, t.day, t.exact,
              (SELECT jsonb_object_agg(s.name, jsonb_build_array(c.spans, c.errors))
                 FROM unnest(t.service_ids, t.service_span_counts, t.service_error_counts) AS c(id, spans, errors)
                 JOIN services s ON s.id = c.id) AS services,
              (SELECT coalesce(array_agg(p.name || '>' || ch.name || ':' || c.n ORDER BY p.name, ch.name), '{}')
                 FROM unnest(t.call_parent_ids, t.call_child_ids, t.call_counts) AS c(p, ch, n)
                 JOIN services p ON p.id = c.p JOIN services ch ON ch.id = c.ch) AS calls
       FROM trace_summaries t JOIN services rs ON rs.id = t.root_service_id JOIN operations o ON o.id = t.root_operation_id
       WHERE t.trace_id = $1::uuid`,
      [traceId],
    )
  ).rows;

const send = async (service: string, spans: Record<string, unknown>[]) =>
  expect((await postOtlpJson(otlpUrl, otlpRequest(service, spans))).status).toBe(200);

const MS = 1_000_000n;

test('a trace sent in five requests, out of order, with a repeated batch and a late root has one correct summary', async () => {
  const traceId = randomHexId(16);
  const t0 = BigInt(Date.now() - 60_000) * MS;
  const span = (spanId: string, parentSpanId: string | undefined, name: string, offsetMs: number, durationMs: number, extra = {}) =>
    otlpSpan({ traceId, spanId, parentSpanId, name, startNs: t0 + BigInt(offsetMs) * MS, durationNs: BigInt(durationMs) * MS, ...extra });
  const root = span('0000000000000001', undefined, 'GET /checkout', 0, 900, { kind: 2 });
  const pay = span('0000000000000002', '0000000000000001', 'POST /pay', 10, 300, { kind: 3 });
  const payServer = span('0000000000000003', '0000000000000002', 'POST /pay', 20, 250, { kind: 2, status: { code: 2 } });
  const sql = span('0000000000000004', '0000000000000003', 'INSERT payment', 30, 100, { kind: 3, status: { code: 2 } });
  const mail = span('0000000000000005', '0000000000000001', 'send receipt', 950, 400, { kind: 4 });

  await send('sum-db', [sql]); // deepest first: its parent is not here yet
  let [row] = await summariesOf(traceId);
  expect(row).toMatchObject({ span_count: 1, root_rule: 2, root_span_id: '0000000000000004', orphan_span_count: 1 });

  await send('sum-payments', [payServer]);
  await send('sum-mailer', [mail]);
  await send('sum-payments', [payServer]); // the exporter retried a committed batch
  [row] = await summariesOf(traceId);
  expect(row).toMatchObject({ span_count: 3, root_rule: 2, root_span_id: '0000000000000003' });

  await send('sum-frontend', [root, pay]); // the root comes last
  await send('sum-frontend', [root, pay]); // and is retried too
  const rows = await summariesOf(traceId);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    span_count: 5,
    error_count: 2,
    entry_span_count: 2, // the root (server, parentless) and the payments server span
    orphan_span_count: 0,
    root_rule: 1,
    root_span_id: '0000000000000001',
    root_service: 'sum-frontend',
    root_operation: 'GET /checkout',
    start_ns: String(t0),
    end_ns: String(t0 + 1350n * MS), // the receipt span ends last, after the root
    duration_ns: String(1350n * MS),
    services: { 'sum-frontend': [2, 0], 'sum-payments': [1, 1], 'sum-db': [1, 1], 'sum-mailer': [1, 0] },
    // each call once although two batches were sent twice, and the late root's calls counted
    calls: ['sum-frontend>sum-mailer:1', 'sum-frontend>sum-payments:1', 'sum-payments>sum-db:1'],
    exact: true,
  });
});

test("the migration's backfill of the calls of stored traces computes what the writer keeps, shared spans too", async () => {
  const traceId = randomHexId(16);
  const t0 = BigInt(Date.now() - 80_000) * MS;
  const span = (spanId: string, parentSpanId: string | undefined, offsetMs: number, kind: number) =>
    otlpSpan({ traceId, spanId, parentSpanId, name: `op-${spanId.slice(-1)}`, startNs: t0 + BigInt(offsetMs) * MS, kind });
  // a Zipkin-style shared span: the client's and the server's halves share the id ...d2
  await send('calls-web', [span('00000000000000d1', undefined, 0, 2), span('00000000000000d2', '00000000000000d1', 1, 3)]);
  await send('calls-api', [span('00000000000000d2', '00000000000000d1', 2, 2), span('00000000000000d3', '00000000000000d2', 3, 1)]);
  await send('calls-db', [span('00000000000000d4', '00000000000000d3', 4, 3), span('00000000000000d5', '00000000000000d2', 5, 3)]);
  await send('calls-db', [span('00000000000000d4', '00000000000000d3', 4, 3)]); // retried
  const migration = readFileSync(path.resolve(import.meta.dirname, '../../../prisma/migrations/20261201060000_trace_call_edges/migration.sql'), 'utf8');
  const backfill = migration.slice(migration.indexOf('WITH copies')).replace('UPDATE trace_summaries t', 'UPDATE pg_temp.backfill t');
  const client = await db.connect();
  try {
    await client.query('CREATE TEMP TABLE backfill AS SELECT trace_id, day, call_parent_ids, call_child_ids, call_counts FROM trace_summaries WHERE trace_id = $1::uuid', [traceId]);
    await client.query(`UPDATE pg_temp.backfill SET call_parent_ids = '{}', call_child_ids = '{}', call_counts = '{}'`);
    await client.query(backfill);
    const columns = 'call_parent_ids, call_child_ids, call_counts';
    const computed = await client.query(`SELECT ${columns} FROM pg_temp.backfill WHERE trace_id = $1::uuid`, [traceId]);
    const kept = await client.query(`SELECT ${columns} FROM trace_summaries WHERE trace_id = $1::uuid`, [traceId]);
    expect(computed.rows).toEqual(kept.rows);
    const [row] = await summariesOf(traceId);
    // web → api (the shared span), api → db (d4 under d3); d5 names the shared id from another
    // service than the server's, so it is the client half's child: web → db
    expect(row.calls).toEqual(['calls-api>calls-db:1', 'calls-web>calls-api:1', 'calls-web>calls-db:1']);
  } finally {
    await client.query('DROP TABLE IF EXISTS pg_temp.backfill');
    client.release();
  }
});

test("the migration's backfill of stored days computes the summaries the writer keeps", async () => {
  const traceId = randomHexId(16);
  const t0 = BigInt(Date.now() - 90_000) * MS;
  const spans = [
    otlpSpan({ traceId, spanId: '00000000000000c1', name: 'GET /', startNs: t0, durationNs: 50n * MS, kind: 2 }),
    otlpSpan({ traceId, spanId: '00000000000000c2', parentSpanId: '00000000000000c1', name: 'SELECT', startNs: t0 + MS, status: { code: 2 } }),
  ];
  await send('sum-backfill-a', [spans[1]]);
  await send('sum-backfill-b', spans);
  const migration = readFileSync(path.resolve(import.meta.dirname, '../../../prisma/migrations/20261130120000_trace_summaries/migration.sql'), 'utf8');
  const backfill = migration.slice(migration.indexOf('WITH spans_once')).replace('INSERT INTO trace_summaries', 'INSERT INTO pg_temp.backfill');
  const client = await db.connect();
  try {
    await client.query('CREATE TEMP TABLE backfill (LIKE trace_summaries INCLUDING GENERATED INCLUDING DEFAULTS)');
    await client.query(backfill);
    const columns = `start_ns, last_start_ns, end_ns, duration_ns, span_count, error_count, entry_span_count, root_span_id,
                     root_service_id, root_operation_id, root_rule, service_ids, service_span_counts, service_error_counts`;
    const computed = await client.query(`SELECT ${columns} FROM pg_temp.backfill WHERE trace_id = $1::uuid`, [traceId]);
    const kept = await client.query(`SELECT ${columns} FROM trace_summaries WHERE trace_id = $1::uuid`, [traceId]);
    expect(kept.rows).toHaveLength(1);
    expect(computed.rows).toEqual(kept.rows);
    expect(kept.rows[0]).toMatchObject({ span_count: 2, error_count: 1, root_rule: 1 });
  } finally {
    await client.query('DROP TABLE IF EXISTS pg_temp.backfill');
    client.release();
  }
});

test('a trace that crosses midnight has exactly one summary, whichever side arrives first', async () => {
  const midnight = BigInt(Math.floor(Date.now() / 86_400_000) * 86_400_000) * MS;
  for (const order of ['before-first', 'after-first'] as const) {
    const traceId = randomHexId(16);
    const before = otlpSpan({ traceId, spanId: '00000000000000b1', name: 'nightly', startNs: midnight - 500n * MS, durationNs: 2000n * MS });
    const after = otlpSpan({ traceId, spanId: '00000000000000b2', parentSpanId: '00000000000000b1', name: 'step', startNs: midnight + 500n * MS });
    const [first, second] = order === 'before-first' ? [before, after] : [after, before];
    await send('sum-midnight', [first]);
    await send('sum-midnight', [second]);
    const rows = await summariesOf(traceId);
    expect(rows, order).toHaveLength(1);
    expect(rows[0], order).toMatchObject({ span_count: 2, root_rule: 1, start_ns: String(midnight - 500n * MS), duration_ns: String(2000n * MS) });
  }
});

test('two requests racing for the same new trace still make one row with every span', async () => {
  const traceId = randomHexId(16);
  const t0 = BigInt(Date.now() - 30_000) * MS;
  const spans = Array.from({ length: 40 }, (_, i) =>
    otlpSpan({ traceId, spanId: (i + 1).toString(16).padStart(16, '0'), parentSpanId: i === 0 ? undefined : '0000000000000001', startNs: t0 + BigInt(i) * MS }),
  );
  await Promise.all(Array.from({ length: 8 }, (_, k) => send('sum-race', spans.filter((_, i) => i % 8 === k))));
  const rows = await summariesOf(traceId);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ span_count: 40, root_rule: 1, orphan_span_count: 0 });
});
