import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '@/lib/server/embedded-postgres';

// A local Citus cluster for tests and benchmarks: a coordinator and workers, each a PostgreSQL
// 15 server with `shared_preload_libraries = citus`, under one temporary folder, on free
// loopback ports. PostgreSQL refuses to run as root, so as root the servers run as the
// `postgres` OS user (Debian's postgresql-15 package creates it).

export const PG_BIN = process.env.CITUS_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Why a cluster cannot be started here, or undefined when it can. */
export const whyNoCitus = (): string | undefined => {
  if (!existsSync(path.join(PG_BIN, 'pg_ctl'))) {
    return `PostgreSQL 15's server programs are not in ${PG_BIN} (Debian: apt-get install postgresql-15; or set CITUS_PG_BIN)`;
  }
  // Debian's layout: bin/ and lib/ side by side under /usr/lib/postgresql/15
  const libdir = path.resolve(PG_BIN, '..', 'lib');
  if (!existsSync(path.join(libdir, 'citus.so'))) {
    return `Citus is not installed for this PostgreSQL (no ${path.join(libdir, 'citus.so')}): build and install Citus 13 for PostgreSQL 15 (README, "Scale out on Citus")`;
  }
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) {
    return 'running as root, but there is no `postgres` OS user to run PostgreSQL as (Debian\'s postgresql-15 package creates it)';
  }
  return undefined;
};

export type CitusNode = { port: number; dir: string };
export type CitusCluster = {
  /** the coordinator's `postgres` database, where the workers are registered */
  adminUrl: string;
  coordinator: CitusNode;
  workers: CitusNode[];
  stop: () => Promise<void>;
};

const asRoot = process.getuid?.() === 0;
/** Runs a PostgreSQL program, as the postgres OS user when we are root. */
const run = (program: string, args: string[]) => {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(PG_BIN, program), ...args]] : [path.join(PG_BIN, program), args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${result.status}):\n${result.stdout}${result.stderr}`);
};

export type StartCitusClusterOptions = { workers?: number; log?: (line: string) => void };

/** Starts a coordinator and `workers` workers (2 by default) and registers the workers. */
export const startCitusCluster = async ({ workers = 2, log = () => {} }: StartCitusClusterOptions = {}): Promise<CitusCluster> => {
  const why = whyNoCitus();
  if (why) throw new Error(why);
  const root = mkdtempSync(path.join(tmpdir(), 'spanscope-citus-'));
  chmodSync(root, 0o755);
  if (asRoot) execFileSync('chown', ['postgres:postgres', root]);
  const nodes: CitusNode[] = [];
  const stop = async () => {
    for (const node of nodes.reverse()) {
      try {
        run('pg_ctl', ['stop', '-D', node.dir, '-m', 'fast', '-w']);
      } catch (err) {
        log(`could not stop the node on port ${node.port}: ${(err as Error).message}`);
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i <= workers; i++) {
      const dir = path.join(root, i === 0 ? 'coordinator' : `worker${i}`);
      const port = await freePort();
      run('initdb', ['-D', dir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
      // small and quiet: three servers share the machine with the tests
      writeFileSync(
        path.join(root, `${i}.conf`),
        [
          `shared_preload_libraries = 'citus'`,
          `listen_addresses = '127.0.0.1'`,
          `port = ${port}`,
          `unix_socket_directories = ''`,
          `shared_buffers = 256MB`,
          `max_connections = 300`,
          `max_wal_size = 4GB`,
          `fsync = on`,
          `jit = off`,
          `citus.log_distributed_deadlock_detection = off`,
        ].join('\n') + '\n',
      );
      execFileSync('sh', ['-c', `cat ${path.join(root, `${i}.conf`)} >> ${path.join(dir, 'postgresql.conf')}`]);
      run('pg_ctl', ['start', '-D', dir, '-w', '-t', '120', '-l', path.join(dir, 'server.log')]);
      nodes.push({ port, dir });
    }
    const admin = new pg.Client({ host: '127.0.0.1', port: nodes[0].port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    try {
      // the workers' own `postgres` databases need the extension before they can be added
      for (const w of nodes.slice(1)) {
        const c = new pg.Client({ host: '127.0.0.1', port: w.port, user: 'postgres', database: 'postgres' });
        await c.connect();
        await c.query('CREATE EXTENSION citus').finally(() => c.end());
      }
      await admin.query('CREATE EXTENSION citus');
      await admin.query(`SELECT citus_set_coordinator_host('127.0.0.1', $1)`, [nodes[0].port]);
      for (const w of nodes.slice(1)) await admin.query(`SELECT citus_add_node('127.0.0.1', $1)`, [w.port]);
    } finally {
      await admin.end();
    }
    log(`Citus cluster up: coordinator on 127.0.0.1:${nodes[0].port}, workers on ${nodes.slice(1).map((n) => n.port).join(', ')} (in ${root})`);
    return { adminUrl: `postgresql://postgres@127.0.0.1:${nodes[0].port}/postgres`, coordinator: nodes[0], workers: nodes.slice(1), stop };
  } catch (err) {
    await stop();
    throw err;
  }
};
