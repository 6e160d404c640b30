import pg from 'pg';
import { nowNs } from '@/lib/model/units';
import { applyRetention } from './retention';
import { logger } from '@/lib/log';

const log = logger('retention');

export type RunRetentionOptions = { databaseUrl: string; retentionDays: number };

/** One pass of the in-server retention job on its own connection; logs what it did. */
export const runRetention = async ({ databaseUrl, retentionDays }: RunRetentionOptions) => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await applyRetention({ db: client, retentionDays, nowNs: nowNs(), log: (m) => log.info(m) });
    if (result.created.length > 0) log.debug(`created day partitions ${result.created.join(', ')}`);
    return result;
  } finally {
    await client.end();
  }
};
