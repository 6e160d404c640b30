import { db } from '@/lib/store/db';

/** Names of every service that has sent spans, sorted. Reads the small services table, never spans. */
export const listServices = async (): Promise<string[]> => {
  const rows = await db().service.findMany({ select: { name: true }, orderBy: { name: 'asc' } });
  return rows.map((r) => r.name);
};
