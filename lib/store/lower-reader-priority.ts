import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import type pg from 'pg';

// Readers yield the CPU to ingest. A heavy read (30 days of dependencies) keeps one PostgreSQL
// backend busy for seconds; on a 2-core machine that core is one that ingest's COPY and its
// Node work want, and ingest kept only about half its rate beside such queries. When PostgreSQL
// runs on this host (the embedded one, or a local server), each read connection's backend is
// reniced (QUERY_BACKEND_NICE, default 10): it still gets all the CPU nobody else wants, but the
// kernel runs ingest first. The writer's connections keep the normal priority.
//
// Safety: only a loopback or Unix-socket host, and only a process whose command line says it is
// a PostgreSQL backend; a PID from another host, or one that was reused, is never touched.

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Whether a connection string names a PostgreSQL on this host. */
export const isLocalDatabase = (connectionString: string): boolean => {
  try {
    const url = new URL(connectionString);
    const host = url.searchParams.get('host') ?? url.hostname; // a host parameter (a socket folder) wins, as in libpq
    return host === '' || host.startsWith('/') || LOCAL_HOSTS.has(host);
  } catch {
    return false;
  }
};

const isPostgresBackend = (pid: number): boolean => {
  try {
    return /postgres/.test(readFileSync(`/proc/${pid}/cmdline`, 'latin1'));
  } catch {
    return false;
  }
};

/** Renices each new connection's backend to `nice` (0: leaves them alone). Errors are ignored: the reader just keeps the normal priority. */
export const lowerReaderPriority = (pool: pg.Pool, connectionString: string, nice: number): void => {
  if (nice === 0 || !isLocalDatabase(connectionString) || process.platform !== 'linux') return;
  pool.on('connect', (client) => {
    client.query('SELECT pg_backend_pid() AS pid').then(
      ({ rows }) => {
        const pid = Number(rows[0]?.pid);
        if (!Number.isInteger(pid) || pid <= 0 || !isPostgresBackend(pid)) return;
        try {
          setPriority(pid, nice);
        } catch {
          // not ours to renice (another user's server): the reads run at the normal priority
        }
      },
      () => {},
    );
  });
};
