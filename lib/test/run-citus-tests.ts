import { spawn } from 'node:child_process';
import path from 'node:path';
import { startCitusCluster, whyNoCitus } from './citus-cluster';

// `npm run test:citus [-- vitest filters]`: starts a local Citus cluster (a coordinator and two
// workers, citus-cluster.ts), runs the integration suites whose SQL can behave differently on
// Citus (ON_CITUS: ingest through every listener, every read of the store, the writer,
// summaries, retention, the filter engine, the Jaeger storage conformance suite) with each test
// server on a fresh database of that cluster (TEST_DATABASE_URL, see target-database.ts), and
// stops the cluster. Needs a build (`npm run build`) like the integration tests always do, and an
// installed Citus.
//
// Left to `npm test` alone: suites that never reach the store differently (bad input refused
// before any query, listeners, sampling), and the ones that test the embedded PostgreSQL, the
// launcher around it, or the process's memory and timing (they start their own servers and would
// only repeat `npm test`, slower).

const ROOT = path.resolve(import.meta.dirname, '../..');
const ON_CITUS = [
  'lib/api/jaeger/transform.int.test.ts',
  'lib/api/pages/',
  'lib/api/tempo/',
  'lib/filter/',
  'lib/ingest/',
  'lib/store/',
  'lib/test/jaeger-conformance.int.test.ts',
  'lib/traces/',
];
const NOT_ON_CITUS = [
  'lib/ingest/memory-bound.int.test.ts',
  'lib/store/write/back-pressure.int.test.ts',
  'lib/store/write/expected-wait.int.test.ts',
];
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
        ...NOT_ON_CITUS.flatMap((file) => ['--exclude', file]),
        // vitest's filters match paths by substring: a folder brings its unit tests too (cheap)
        ...(filters.length > 0 ? filters : ON_CITUS),
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
