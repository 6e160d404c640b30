import pg from 'pg';
import { nowNs } from '@/lib/model/units';
import { logger } from '@/lib/log';
import { compactRollups } from './compact-rollups';

const log = logger('rollups');

/** One rollup compaction pass (compact-rollups.ts) on its own connection; logs what it did. */
export const runRollupCompaction = async ({ databaseUrl }: { databaseUrl: string }) => {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'spanscope-rollups' });
  await client.connect();
  try {
    return await compactRollups({ db: client, nowNs: nowNs(), log: (m) => log.info(m) });
  } finally {
    await client.end();
  }
};
