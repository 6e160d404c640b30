import { readFileSync } from 'node:fs';
import pg from 'pg';
import { expect, inject, test } from 'vitest';
import { READ_APPLICATION_NAME } from './db';
import { isLocalDatabase } from './lower-reader-priority';

// The read connections' PostgreSQL backends run at nice 10 (QUERY_BACKEND_NICE), so a long query
// leaves the CPU to ingest first; the writer's backends keep the normal priority.

const niceOf = (pid: number): number => Number(readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1].split(' ')[16]);

test('after a read, every read backend of the server is reniced to 10 and no other backend is', async () => {
  const baseUrl = inject('baseUrl');
  expect((await fetch(`${baseUrl}/api/services`)).status).toBe(200);
  const db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
  try {
    const rows = async () =>
      (await db.query<{ pid: number; app: string }>(`SELECT pid, application_name AS app FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`)).rows;
    await expect.poll(async () => (await rows()).filter((r) => r.app === READ_APPLICATION_NAME).map((r) => niceOf(r.pid))).toEqual(expect.arrayContaining([10]));
    const all = await rows();
    for (const r of all.filter((x) => x.app === READ_APPLICATION_NAME)) expect(niceOf(r.pid)).toBe(10);
    expect(all.filter((x) => x.app !== READ_APPLICATION_NAME).map((r) => niceOf(r.pid))).not.toContain(10);
  } finally {
    await db.end();
  }
});

test('only a database on this host is reniced', () => {
  expect(isLocalDatabase('postgres://u:p@127.0.0.1:5432/db')).toBe(true);
  expect(isLocalDatabase('postgres://u:p@localhost/db')).toBe(true);
  expect(isLocalDatabase('postgres://u:p@[::1]:5432/db')).toBe(true);
  expect(isLocalDatabase('postgres:///db?host=/var/run/postgresql')).toBe(true);
  expect(isLocalDatabase('postgres://u@db.internal/db?host=/var/run/postgresql')).toBe(true);
  expect(isLocalDatabase('postgres://u:p@db.internal:5432/db')).toBe(false);
  expect(isLocalDatabase('postgres://u:p@10.0.0.5/db')).toBe(false);
  expect(isLocalDatabase('not a url')).toBe(false);
});
