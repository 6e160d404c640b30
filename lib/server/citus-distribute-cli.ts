import { EnvError, parseEnv } from '@/lib/env';
import { logger } from '@/lib/log';
import { distributeOnCitus } from '@/lib/store/citus';
import { migrate } from '@/lib/store/migrate';

// `npm run citus:distribute`: with DATABASE_URL at a Citus coordinator, applies the schema and
// distributes the tables now (what `npm start` also does on its first start there). Idempotent:
// tables already distributed are left as they are.

const log = logger('citus');

const main = async () => {
  const config = parseEnv();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set: point it at the Citus coordinator');
  await migrate({ databaseUrl: config.DATABASE_URL, log: (m) => log.info(m) });
  const citus = await distributeOnCitus({ databaseUrl: config.DATABASE_URL, shardCount: config.CITUS_SHARD_COUNT, log: (m) => log.info(m) });
  if (!citus) throw new Error('the database in DATABASE_URL has no citus extension: run CREATE EXTENSION citus there (and add the workers) first');
  log.info('spans and trace_summaries are distributed by trace_id; the dimension tables are reference tables');
};

main().catch((err) => {
  console.error(err instanceof EnvError ? err.message : `citus:distribute failed: ${(err as Error).message}`);
  process.exit(err instanceof EnvError ? 2 : 1);
});
