import pg from 'pg';
import { DIMENSION_TABLES } from '@/lib/store/write/dimension-cache';

// Citus (distributed PostgreSQL): when DATABASE_URL points at a Citus coordinator (the `citus`
// extension exists in that database), Spanscope distributes its tables on start, once:
//
// - spans and trace_summaries are distributed by trace_id and co-located, so every span of a
//   trace and its summary live on one shard: trace by id is a single-shard query, and the
//   summary upkeep's read-back of a trace's spans never crosses workers;
// - the dimension tables (services, operations, resources, scopes, attribute_keys) become
//   reference tables, copied to every worker, so joins to them run on the workers;
// - the rows written before distribution are removed from the coordinator's local tables once
//   they are copied to the shards (Citus leaves them there otherwise, unread but on disk).
//
// Every statement runs with citus.multi_shard_modify_mode = 'sequential': DDL on a distributed
// table inside a transaction that already used a parallel connection per shard would fail.

/** The tables distributed by trace_id, co-located, in the order they are distributed. */
export const DISTRIBUTED_TABLES = ['spans', 'trace_summaries'] as const;
/** The tables copied whole to every worker. */
export const REFERENCE_TABLES = [...DIMENSION_TABLES, 'attribute_keys'] as const;

/**
 * 4 shards per distributed table by default: measured on 2 workers (README "Scale out on Citus"),
 * 32 shards made searches, service metrics and dependencies 2–5× slower than 4 and retention's
 * DETACH 10× longer (each shard is one more query per partition for the coordinator to plan,
 * send and merge, one more lock), while 4 still spreads the data over 2 workers and leaves room
 * to move shards onto 2 more.
 */
export const DEFAULT_SHARD_COUNT = 4;

/** True when the database has the citus extension (DATABASE_URL is a Citus coordinator). */
export const hasCitus = async (client: pg.ClientBase): Promise<boolean> =>
  ((await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).rowCount ?? 0) > 0;

/** Makes the current transaction's multi-shard DDL and writes use one connection per worker. */
export const SEQUENTIAL_MODE_SQL = `SET LOCAL citus.multi_shard_modify_mode = 'sequential'`;

export type DistributeResult = { distributed: string[]; referenced: string[]; shardCount: number };

const citusTablesOf = async (client: pg.ClientBase): Promise<Map<string, string>> => {
  const { rows } = await client.query<{ name: string; kind: string }>(
    `SELECT logicalrelid::regclass::text AS name, partmethod AS kind FROM pg_dist_partition`,
  );
  return new Map(rows.map((r) => [r.name, r.kind]));
};

export type DistributeOptions = { client: pg.ClientBase; shardCount: number; log?: (line: string) => void };

/**
 * Distributes what is not distributed yet (idempotent: a table Citus already knows is left as it
 * is, whatever its shard count). Each table in its own transaction, so a failure leaves the
 * tables done so far done. Returns what it changed.
 */
export const distributeTables = async ({ client, shardCount, log = () => {} }: DistributeOptions): Promise<DistributeResult> => {
  const result: DistributeResult = { distributed: [], referenced: [], shardCount };
  const known = await citusTablesOf(client);
  const inTransaction = async (sql: string, values: unknown[]) => {
    const started = Date.now();
    await client.query('BEGIN');
    try {
      await client.query(SEQUENTIAL_MODE_SQL);
      await client.query(sql, values);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    }
    return Date.now() - started;
  };
  // Reference tables first: nothing depends on them, and the summaries' migration already joins spans to operations.
  for (const table of REFERENCE_TABLES) {
    if (known.has(table)) continue;
    const ms = await inTransaction(`SELECT create_reference_table($1)`, [table]);
    await inTransaction(`SELECT truncate_local_data_after_distributing_table($1)`, [table]);
    log(`citus: ${table} is a reference table (${ms} ms)`);
    result.referenced.push(table);
  }
  for (const table of DISTRIBUTED_TABLES) {
    if (known.has(table)) continue;
    // the summaries take the shards of spans (same count, same placements): Citus refuses a shard count beside colocate_with
    const ms =
      table === 'spans'
        ? await inTransaction(`SELECT create_distributed_table($1, 'trace_id', shard_count => $2::int, colocate_with => 'none')`, [table, shardCount])
        : await inTransaction(`SELECT create_distributed_table($1, 'trace_id', colocate_with => 'spans')`, [table]);
    await inTransaction(`SELECT truncate_local_data_after_distributing_table($1)`, [table]);
    log(`citus: ${table} is distributed by trace_id over ${shardCount} shards (${ms} ms)`);
    result.distributed.push(table);
  }
  // Trace by id runs through spans_of_traces(), whose plan is forced generic on plain PostgreSQL
  // (planned once per connection, see its migration). Citus cannot make a distributed plan from a
  // generic `trace_id = ANY($1)`; a custom plan sees the ids and routes to their shards, and the
  // coordinator plans no day partitions at all, so the reason for the generic plan is gone here.
  await client.query(`ALTER FUNCTION spans_of_traces(uuid[]) SET plan_cache_mode = force_custom_plan`);
  // The span-id lookup's SQL function: Citus cannot plan a parameter of an SQL-language function
  // ("could not create distributed plan"), so on Citus it is the same query in PL/pgSQL with
  // custom plans. Its settings (no sequential scan) steer only the coordinator's plan; each
  // worker plans its shards itself.
  await client.query(`
    CREATE OR REPLACE FUNCTION trace_ids_of_span(span bytea, max_traces integer) RETURNS TABLE ("trace_id" uuid, "last_start_ns" bigint)
      LANGUAGE plpgsql STABLE
      SET enable_seqscan = off
      SET max_parallel_workers_per_gather = 0
      SET plan_cache_mode = force_custom_plan
    AS $$
    BEGIN
      RETURN QUERY SELECT s.trace_id, max(s.start_ns) FROM spans s WHERE s.span_id = span GROUP BY s.trace_id ORDER BY 2 DESC LIMIT max_traces;
    END
    $$`);
  return result;
};

export type DistributeOnCitusOptions = { databaseUrl: string; shardCount: number; log?: (line: string) => void };

/** Distributes the tables when DATABASE_URL is a Citus coordinator; does nothing otherwise. Returns whether it is Citus. */
export const distributeOnCitus = async ({ databaseUrl, shardCount, log }: DistributeOnCitusOptions): Promise<boolean> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    if (!(await hasCitus(client))) return false;
    await distributeTables({ client, shardCount, log });
    return true;
  } finally {
    await client.end();
  }
};
