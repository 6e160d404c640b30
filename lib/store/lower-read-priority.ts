import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import type pg from 'pg';

// Ingest and reads share the machine's cores, and a heavy read (a month of dependencies, a week
// of service metrics) keeps a PostgreSQL backend busy for seconds; on a small machine that core is
// one ingest's COPY needed. Raising the nice value of the read connections' backends lets the
// kernel give their CPU to ingest first (PostgreSQL has no CPU priority of its own; the
// pg_prioritize extension does the same renice from inside).
//
// Only a process proven to be this connection's backend is touched: the PID PostgreSQL reports
// for the connection (BackendKeyData) must be a local process whose title is PostgreSQL's
// backend title naming this socket's own client port ("postgres: user db 127.0.0.1(54321) idle").
// A server in another machine, container or PID namespace fails that test and is left alone,
// as is any stranger that reused a PID. Raising a nice value needs no privilege for processes
// of our own user (and root may do it to any); where it is refused, the reads just run at the
// normal priority.

type Connected = pg.PoolClient & { processID?: number; connection?: { stream?: { localPort?: number } } };

/** Lowers the CPU priority of the backend of `client` by `nice` if it is provably ours; says whether it did. */
export const lowerReadPriority = (client: pg.PoolClient, nice: number): boolean => {
  if (nice <= 0) return false;
  const { processID: pid, connection } = client as Connected;
  const port = connection?.stream?.localPort;
  if (!pid || !port) return false; // a Unix socket has no client port to prove the process by
  try {
    const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    if (!/^postgres: /.test(title) || !title.includes(`(${port})`)) return false;
    setPriority(pid, nice);
    return true;
  } catch {
    return false; // not on this machine, gone already, or not ours to renice
  }
};
