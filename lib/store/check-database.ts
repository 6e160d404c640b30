import { db } from './db';

/** Throws unless the span store answers a query (the schema is in place and reachable). */
export const checkDatabase = async (): Promise<void> => {
  await db().$queryRaw`SELECT 1 FROM spans LIMIT 0`;
};
