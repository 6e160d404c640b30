import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

// The one Prisma client of the process (kept on globalThis so hot reloads and Next's separate
// bundles do not open more pools). Only lib/store imports Prisma.

const KEY = Symbol.for('spanscope.prisma');
const store = globalThis as typeof globalThis & { [KEY]?: PrismaClient };

/** The Prisma client, connected to DATABASE_URL. */
export const db = (): PrismaClient => {
  const existing = store[KEY];
  if (existing) return existing;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set: start Spanscope with `npm start`');
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 8 }) });
  store[KEY] = client;
  return client;
};
