import { defineConfig } from 'vitest/config';

// Unit tests (*.test.ts) need nothing; integration tests (*.int.test.ts) get a real PostgreSQL
// and a running Spanscope server from global-setup.ts.
const root = new URL('../..', import.meta.url).pathname;

export default defineConfig({
  root,
  // the '@/' import alias of tsconfig.json
  resolve: { alias: [{ find: /^@\//, replacement: root }] },
  test: {
    include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'components/**/*.test.ts'],
    globalSetup: ['lib/test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: true,
  },
});
