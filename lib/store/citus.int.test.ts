import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DAY_NS } from '@/lib/model/units';
import { createTargetDatabase, targetDatabaseUrl, type TargetDatabase } from '@/lib/test/target-database';
import { distributeTables, REFERENCE_TABLES } from './citus';
import { migrate } from './migrate';
import { partitionName } from './partitions';
import { applyRetention } from './retention';

// Only under `npm run test:citus` (TEST_DATABASE_URL at a Citus coordinator); the rest of the
// integration suite runs there unchanged and is what shows every API answers the same.

const onCitus = async () => {
  const url = targetDatabaseUrl();
  if (!url) return false;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).rowCount === 1;
  } finally {
    await c.end();
  }
};
const citus = await onCitus();

const query = async <T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, values)).rows;
  } finally {
    await c.end();
  }
};

describe.skipIf(!citus)('on a Citus coordinator', () => {
  test('the server distributed its tables on first start: spans and summaries co-located by trace id, dimensions as reference tables', async () => {
    const rows = await query<{ name: string; method: string; column: string | null; colocation: number }>(
      inject('databaseUrl'),
      `SELECT logicalrelid::regclass::text AS name, partmethod AS method, column_to_column_name(logicalrelid, partkey) AS column,
              colocationid AS colocation
       FROM pg_dist_partition WHERE logicalrelid::regclass::text IN ('spans', 'trace_summaries', ${REFERENCE_TABLES.map((t) => `'${t}'`).join(', ')})`,
    );
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName.spans).toMatchObject({ method: 'h', column: 'trace_id' });
    expect(byName.trace_summaries).toMatchObject({ method: 'h', column: 'trace_id', colocation: byName.spans.colocation });
    for (const t of REFERENCE_TABLES) expect(byName[t]?.method, t).toBe('n');
    const [shards] = await query<{ n: string }>(inject('databaseUrl'), `SELECT count(*) AS n FROM pg_dist_shard WHERE logicalrelid = 'spans'::regclass`);
    expect(Number(shards.n)).toBe(4);
  });

  describe('a database that held spans before it was distributed', () => {
    let database: TargetDatabase;
    beforeAll(async () => {
      database = await createTargetDatabase(targetDatabaseUrl()!);
    });
    afterAll(async () => {
      await database?.stop();
    });

    test('keeps its rows, no longer on the coordinator, and a day is dropped on every shard', async () => {
      await migrate({ databaseUrl: database.url });
      const day = Math.floor(Date.now() / 86_400_000) - 10;
      const startNs = BigInt(day) * DAY_NS + 1n;
      await query(database.url, `CREATE TABLE ${partitionName(day, 'trace_summaries')} PARTITION OF trace_summaries FOR VALUES FROM (${day}) TO (${day + 1})`);
      await query(database.url, `CREATE TABLE ${partitionName(day)} PARTITION OF spans FOR VALUES FROM (${startNs - 1n}) TO (${startNs - 1n + DAY_NS})`);
      await query(database.url, `INSERT INTO services (name) VALUES ('before-citus')`);
      await query(
        database.url,
        `INSERT INTO spans (trace_id, span_id, start_ns, duration_ns, service_id, operation_id, resource_id, scope_id, status_code, attributes)
         SELECT gen_random_uuid(), decode(lpad(to_hex(i), 16, '0'), 'hex'), $1::int8 + i, 1000, 1, 1, 1, 1, 0, '{}' FROM generate_series(1, 500) i`,
        [String(startNs)],
      );
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const first = await distributeTables({ client, shardCount: 4 });
        expect(first.distributed).toEqual(['spans', 'trace_summaries']);
        // idempotent
        expect(await distributeTables({ client, shardCount: 4 })).toMatchObject({ distributed: [], referenced: [] });
        // every row is still there, read through the distributed table
        expect((await client.query(`SELECT count(*)::int AS n FROM spans`)).rows[0].n).toBe(500);
        expect((await client.query(`SELECT name FROM services`)).rows).toEqual([{ name: 'before-citus' }]);
        // and the coordinator's own copies are empty: the shell tables hold no pages
        const local = await client.query<{ name: string; bytes: string }>(
          `SELECT c.relname AS name, pg_relation_size(c.oid) AS bytes FROM pg_class c
           WHERE c.relname IN ($1, 'services') AND c.relkind = 'r'`,
          [partitionName(day)],
        );
        expect(local.rows.map((r) => [r.name, Number(r.bytes)]).sort()).toEqual([['services', 0], [partitionName(day), 0]]);
        // the shards on the workers hold the day
        const [{ shards }] = (await client.query<{ shards: number }>(
          `SELECT count(*)::int AS shards FROM pg_dist_shard WHERE logicalrelid = $1::regclass`,
          [partitionName(day)],
        )).rows;
        expect(shards).toBe(4);

        const result = await applyRetention({ db: client, retentionDays: 5, nowNs: BigInt(Date.now()) * 1_000_000n });
        expect(result.dropped.map((p) => p.name)).toEqual([partitionName(day)]);
        expect(result.longestDetachMs).toBeGreaterThan(0);
        const left = await client.query(`SELECT 1 FROM pg_dist_shard WHERE logicalrelid::text IN ($1, $2)`, [partitionName(day), partitionName(day, 'trace_summaries')]);
        expect(left.rowCount).toBe(0);
        expect((await client.query(`SELECT count(*)::int AS n FROM spans`)).rows[0].n).toBe(0);
      } finally {
        await client.end();
      }
    });
  });
});
