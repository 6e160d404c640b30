import pg from 'pg';
import { DAY_NS } from '@/lib/model/units';
import { partitionName } from '@/lib/store/partitions';
import { applyRetention } from '@/lib/store/retention';

// `DATABASE_URL=… npm run bench:day-drop [-- --spans 2000000]`: how long retention's DETACH holds
// writers up when it drops a large day. Fills a day 10 days old with synthetic spans (~500
// bytes each with indexes), then runs one retention pass while another connection inserts a
// span every 20 ms into today's partition, and prints the DETACH time and the slowest insert.
// On Citus the DETACH is a plain one (lib/store/retention.ts); on PostgreSQL, CONCURRENTLY.
// The database must have Spanscope's schema (start Spanscope on it once). Prints, asserts nothing.

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const SPANS = Number(args.get('spans') ?? 2_000_000);
const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL to a database with Spanscope schema');

const connect = async () => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
};

const main = async () => {
  const db = await connect();
  const today = Math.floor(Date.now() / 86_400_000);
  const day = today - 10;
  for (const [table, from, to] of [
    ['trace_summaries', BigInt(day), BigInt(day + 1)],
    ['spans', BigInt(day) * DAY_NS, BigInt(day + 1) * DAY_NS],
  ] as const) {
    await db.query(`CREATE TABLE IF NOT EXISTS ${partitionName(day, table)} PARTITION OF ${table} FOR VALUES FROM (${from}) TO (${to})`);
  }
  let t = performance.now();
  for (let done = 0; done < SPANS; done += 250_000) {
    const n = Math.min(250_000, SPANS - done);
    await db.query(
      `INSERT INTO spans (trace_id, span_id, start_ns, duration_ns, service_id, operation_id, resource_id, scope_id, status_code, attributes)
       SELECT md5((i / 10)::text)::uuid, decode(lpad(to_hex(i), 16, '0'), 'hex'), $1::int8 + i * 1000, 1000 + i % 5000, 1 + i % 30, 1 + i % 300, 1, 1, 0,
              jsonb_build_object('user.id', 'u-' || (i % 100000), 'http.route', '/r/' || (i % 50), 'request.id', md5(i::text), 'pad', repeat('x', 120))
       FROM generate_series($2::int, $3::int) i`,
      [String(BigInt(day) * DAY_NS), done, done + n - 1],
    );
  }
  const citus = (await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).rowCount === 1;
  const size = citus ? 'citus_total_relation_size' : 'pg_total_relation_size';
  const { rows } = await db.query<{ bytes: string }>(`SELECT ${size}('${partitionName(day)}') AS bytes`);
  console.log(`filled ${partitionName(day)}: ${SPANS.toLocaleString()} spans, ${(Number(rows[0].bytes) / 1e9).toFixed(2)} GB, in ${((performance.now() - t) / 1000).toFixed(0)} s`);

  // a writer meanwhile: one span every 20 ms into today's partition
  await db.query(`CREATE TABLE IF NOT EXISTS ${partitionName(today, 'trace_summaries')} PARTITION OF trace_summaries FOR VALUES FROM (${today}) TO (${today + 1})`);
  await db.query(`CREATE TABLE IF NOT EXISTS ${partitionName(today)} PARTITION OF spans FOR VALUES FROM (${BigInt(today) * DAY_NS}) TO (${BigInt(today + 1) * DAY_NS})`);
  const writer = await connect();
  let writing = true;
  const inserts: number[] = [];
  const writing$ = (async () => {
    for (let i = 0; writing; i++) {
      const started = performance.now();
      await writer.query(
        `INSERT INTO spans (trace_id, span_id, start_ns, duration_ns, service_id, operation_id, resource_id, scope_id, status_code, attributes)
         VALUES (gen_random_uuid(), '\\x0000000000000001', $1::int8, 1, 1, 1, 1, 1, 0, '{}')`,
        [String(BigInt(Date.now()) * 1_000_000n)],
      );
      inserts.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await new Promise((r) => setTimeout(r, 1000));
  t = performance.now();
  const result = await applyRetention({ db, retentionDays: 5, nowNs: BigInt(Date.now()) * 1_000_000n, log: console.log });
  const passMs = performance.now() - t;
  await new Promise((r) => setTimeout(r, 1000));
  writing = false;
  await writing$;
  inserts.sort((a, b) => a - b);
  console.log(
    `${citus ? 'Citus, plain DETACH' : 'PostgreSQL, DETACH CONCURRENTLY'}: longest DETACH ${result.longestDetachMs.toFixed(0)} ms; ` +
      `whole pass (with DROP) ${passMs.toFixed(0)} ms; ${inserts.length} inserts meanwhile, p50 ${inserts[Math.floor(inserts.length / 2)].toFixed(1)} ms, ` +
      `slowest ${inserts[inserts.length - 1].toFixed(1)} ms`,
  );
  await writer.end();
  await db.end();
};

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
