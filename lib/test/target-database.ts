import { randomBytes } from 'node:crypto';
import pg from 'pg';

// Tests and benchmarks against a PostgreSQL server of one's own instead of an embedded one:
// TEST_DATABASE_URL names a database to administer from (e.g. the coordinator's `postgres`),
// and each test server gets a fresh database of its own there, dropped when it stops. When that
// server is a Citus coordinator, the database is made on every worker too, with the extension,
// and the workers are registered in it, as an operator would set up a new Citus database.

/** The server named by TEST_DATABASE_URL, if any. */
export const targetDatabaseUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined;

/** `adminUrl`: the same database as a superuser (here the URL itself: it carries TEST_DATABASE_URL's user). */
export type TargetDatabase = { url: string; adminUrl: string; stop: () => Promise<void> };

const withClient = async <T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

const urlOf = (base: string, host: string, port: number, database: string) => {
  const u = new URL(base);
  u.hostname = host;
  u.port = String(port);
  u.pathname = `/${database}`;
  return u.toString();
};

/** Creates a fresh database on the server of `adminUrl` (and on its Citus workers); returns its URL. */
export const createTargetDatabase = async (adminUrl: string): Promise<TargetDatabase> => {
  const name = `spanscope_test_${randomBytes(6).toString('hex')}`;
  const workers = await withClient(adminUrl, async (admin) => {
    const citus = (await admin.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).rowCount === 1;
    const nodes = citus
      ? (await admin.query<{ host: string; port: number }>(`SELECT nodename AS host, nodeport AS port FROM pg_dist_node WHERE noderole = 'primary' AND groupid <> 0 ORDER BY nodeid`)).rows
      : [];
    const coordinator = citus
      ? (await admin.query<{ host: string; port: number }>(`SELECT nodename AS host, nodeport AS port FROM pg_dist_node WHERE groupid = 0`)).rows[0]
      : undefined;
    await admin.query(`CREATE DATABASE ${name}`);
    return { citus, nodes, coordinator };
  });
  const url = urlOf(adminUrl, new URL(adminUrl).hostname, Number(new URL(adminUrl).port || 5432), name);
  const workerUrls = workers.nodes.map((n) => urlOf(adminUrl, n.host, n.port, name));
  // the coordinator's copy first: it holds connections to the workers' copies
  const drop = async () => {
    for (const where of [adminUrl, ...workers.nodes.map((n) => urlOf(adminUrl, n.host, n.port, 'postgres'))]) {
      await withClient(where, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => {});
    }
  };
  try {
    if (workers.citus) {
      for (const n of workers.nodes) {
        await withClient(urlOf(adminUrl, n.host, n.port, 'postgres'), (c) => c.query(`CREATE DATABASE ${name}`));
      }
      for (const w of workerUrls) await withClient(w, (c) => c.query('CREATE EXTENSION citus'));
      await withClient(url, async (c) => {
        await c.query('CREATE EXTENSION citus');
        if (workers.coordinator) await c.query(`SELECT citus_set_coordinator_host($1, $2)`, [workers.coordinator.host, workers.coordinator.port]);
        for (const n of workers.nodes) await c.query(`SELECT citus_add_node($1, $2)`, [n.host, n.port]);
      });
    }
  } catch (err) {
    await drop();
    throw err;
  }
  return { url, adminUrl: url, stop: drop };
};
