import { db, isCitusStore } from '@/lib/store/db';
import { Prisma } from '@/lib/store/generated/client';

// The spans tag and value suggestions are read from: the newest spans of each service in a window,
// read newest first through the (service_id, start_ns, …) index, so the cost is bounded by the
// sample whatever the window or the data kept. Suggestions are what was sent recently, not an
// inventory of every key ever stored (Tempo's own tag search is bounded the same way).

/** spans read for one suggestion list, spread over the services */
export const SAMPLE_SPANS = 5000;
/** at most this many services are sampled (the newest ones); a named service is always sampled */
const MAX_SERVICES = 200;
/** each sampled service gives at least this many of its newest spans */
const MIN_PER_SERVICE = 100;

export type SampleWindow = { serviceName?: string; startNs: bigint; endNs: bigint };

/**
 * A `WITH recent AS (…)` clause: attributes, events, links and status message of the newest spans
 * of each service (or of `serviceName` only) starting in [startNs, endNs).
 */
export const recentSpansCte = async ({ serviceName, startNs, endNs }: SampleWindow): Promise<Prisma.Sql> => {
  const name = serviceName ?? null;
  const [{ n }] = await db().$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM services WHERE ${name}::text IS NULL OR name = ${name}`;
  const perService = Math.max(MIN_PER_SERVICE, Math.ceil(SAMPLE_SPANS / Math.max(1, Math.min(Number(n), MAX_SERVICES))));
  if (await isCitusStore()) return recentSpansCteOnCitus(name, perService, startNs, endNs);
  return Prisma.sql`
    WITH svc AS (
      SELECT id FROM services WHERE ${name}::text IS NULL OR name = ${name} ORDER BY id DESC LIMIT ${MAX_SERVICES}
    ), recent AS (
      SELECT r.* FROM svc CROSS JOIN LATERAL (
        SELECT s.attributes, s.events, s.links, s.status_message FROM spans s
        WHERE s.service_id = svc.id AND s.start_ns >= ${startNs} AND s.start_ns < ${endNs}
        ORDER BY s.start_ns DESC LIMIT ${perService}
      ) r
    )`;
};

/**
 * The same sample on Citus, which cannot push down a LATERAL subquery with a LIMIT (per service)
 * over distributed spans: one `ORDER BY … LIMIT` subquery per sampled service, UNION ALL (Citus
 * sends each to every shard with its LIMIT and merges the newest), the services read first.
 */
const recentSpansCteOnCitus = async (name: string | null, perService: number, startNs: bigint, endNs: bigint): Promise<Prisma.Sql> => {
  const svc = await db().$queryRaw<{ id: number }[]>`
    SELECT id FROM services WHERE ${name}::text IS NULL OR name = ${name} ORDER BY id DESC LIMIT ${MAX_SERVICES}`;
  if (svc.length === 0) {
    return Prisma.sql`WITH recent AS (SELECT s.attributes, s.events, s.links, s.status_message FROM spans s WHERE FALSE)`;
  }
  const perServiceSql = svc.map(
    ({ id }) => Prisma.sql`(SELECT s.attributes, s.events, s.links, s.status_message FROM spans s
      WHERE s.service_id = ${id} AND s.start_ns >= ${startNs} AND s.start_ns < ${endNs} ORDER BY s.start_ns DESC LIMIT ${perService})`,
  );
  return Prisma.sql`WITH recent AS (${Prisma.join(perServiceSql, ' UNION ALL ')})`;
};

/** `services` rows to read resources of: one service, or all. */
export const serviceFilterSql = (serviceName: string | undefined, column: Prisma.Sql): Prisma.Sql =>
  serviceName === undefined ? Prisma.sql`TRUE` : Prisma.sql`${column} = (SELECT id FROM services WHERE name = ${serviceName})`;
