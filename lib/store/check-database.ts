import { db } from './db';
import { getTraces } from './read/get-traces';

// The trace id no span can have (all zeros is refused at ingest): reading it exercises the read
// path itself (spans_of_traces, partitions, and on Citus the distributed plan and the workers)
// without finding anything.
const NO_TRACE = '0'.repeat(32);

/**
 * Throws unless the span store answers: the schema is in place and reachable, and a trace read
 * runs (on Citus, a store whose distributed plans fail answers SELECT 1 but no trace).
 */
export const checkDatabase = async (): Promise<void> => {
  await db().$queryRaw`SELECT 1 FROM spans LIMIT 0`;
  await getTraces({ traceIds: [NO_TRACE] });
};
