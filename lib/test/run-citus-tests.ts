import { spawn } from 'node:child_process';
import path from 'node:path';
import { startCitusCluster, whyNoCitus } from './citus-cluster';

// `npm run test:citus [-- vitest filters]`: starts a local Citus cluster (a coordinator and two
// workers, citus-cluster.ts), runs the integration suite (every *.int.test.ts, the Jaeger storage
// conformance suite among them) with each test server on a fresh database of that cluster
// (TEST_DATABASE_URL, see target-database.ts), and stops the cluster. Needs a build
// (`npm run build`) like the integration tests always do, and an installed Citus.

const ROOT = path.resolve(import.meta.dirname, '../..');
const EMBEDDED_ONLY = ['lib/server/launcher.int.test.ts', 'lib/server/embedded-postgres.int.test.ts'];
const log = (line: string) => console.log(`[test:citus] ${line}`);

const main = async (): Promise<number> => {
  const why = whyNoCitus();
  if (why) {
    console.error(`[test:citus] cannot start a Citus cluster: ${why}`);
    return 2;
  }
  const cluster = await startCitusCluster({ log });
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= cluster.stop().then(() => log('cluster stopped')));
  const filters = process.argv.slice(2);
  try {
    const vitest = spawn(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--config',
        'lib/test/vitest.config.ts',
        // these two start the embedded PostgreSQL themselves (they test it and the launcher around
        // it), never the target database: on Citus they would only repeat `npm test`
        ...EMBEDDED_ONLY.flatMap((file) => ['--exclude', file]),
        ...(filters.length > 0 ? filters : ['.int.test.ts']),
      ],
      { cwd: ROOT, stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: cluster.adminUrl } },
    );
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => vitest.kill(signal));
    const code = await new Promise<number>((resolve) => vitest.once('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
    return code;
  } finally {
    await stop();
  }
};

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[test:citus] ${(err as Error).message}`);
    process.exit(1);
  },
);
