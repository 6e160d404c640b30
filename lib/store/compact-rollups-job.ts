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
    const result = await compactRollups({ db: client, nowNs: nowNs() });
    // a pass that built hours says so; the minute merges of every 30 s are routine
    const line = `rollups: compacted ${result.hours} closed hours and ${result.minutes} closed minutes in ${result.ms.toFixed(0)} ms`;
    if (result.hours > 0) log.info(line);
    else if (result.minutes > 0) log.debug(line);
    return result;
  } finally {
    await client.end();
  }
};
