import { spawn } from 'node:child_process';
import { getPriority } from 'node:os';
import type pg from 'pg';
import { expect, test } from 'vitest';
import { lowerReadPriority } from './lower-read-priority';

// A PID that is not the connection's PostgreSQL backend is never reniced (a PID can be reused by
// any program, and a server in a container reports PIDs of its own namespace).

const clientOf = (processID: number, localPort: number) => ({ processID, connection: { stream: { localPort } } }) as unknown as pg.PoolClient;

test('a process that is not a PostgreSQL backend keeps its priority', async () => {
  const stranger = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' });
  try {
    await new Promise((r) => stranger.once('spawn', r));
    expect(lowerReadPriority(clientOf(stranger.pid!, 54321), 10)).toBe(false);
    expect(getPriority(stranger.pid!)).toBe(0);
  } finally {
    stranger.kill();
  }
});

test('no PID, no port, a PID that does not exist, or a nice value of 0: nothing is done', () => {
  expect(lowerReadPriority(clientOf(0, 54321), 10)).toBe(false);
  expect(lowerReadPriority(clientOf(process.pid, 0), 10)).toBe(false);
  expect(lowerReadPriority(clientOf(2 ** 22 + 7, 54321), 10)).toBe(false);
  expect(lowerReadPriority(clientOf(process.pid, 54321), 0)).toBe(false);
  expect(getPriority(process.pid)).toBe(0);
});
