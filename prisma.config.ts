import { defineConfig } from 'prisma/config';

// Prisma's CLI insists on downloading its native schema engine, which this environment cannot
// reach. `prisma generate` only needs the variable to name an existing file; the stub exits 1 so
// that any migrate command fails loudly instead of silently applying nothing. Migrations are
// plain SQL in prisma/migrations, applied at start by lib/store/migrate.ts.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= new URL('./prisma/no-schema-engine.sh', import.meta.url).pathname;

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5432/spanscope' },
});
