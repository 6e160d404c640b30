import { defineConfig } from 'vitest/config';
export default defineConfig({ root: '/work/wt-ingest', test: { include: ['lib/**/*.test.ts'], exclude: ['**/*.int.test.ts', 'node_modules/**'] } });
