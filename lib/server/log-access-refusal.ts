import { logger } from '@/lib/log';

// A refused read (no credential, a wrong token or password, a proxy header from an address not
// trusted) is logged so an operator can find a misconfigured client or a guesser: one line per
// source address per QUIET_MS at most, counting the refusals it stands for; what was tried is
// named by its form, never its value.

const log = logger('access');
const QUIET_MS = 60_000;
const MAX_SOURCES = 10_000;

type Seen = { lastLogged: number; unlogged: number };
const bySource = new Map<string, Seen>();

/** Logs one refusal from `source`, rate-limited per source. */
export const logAccessRefusal = (source: string, what: string, now = Date.now()): void => {
  const seen = bySource.get(source);
  if (seen !== undefined && now - seen.lastLogged < QUIET_MS) {
    seen.unlogged++;
    return;
  }
  const earlier = seen?.unlogged ?? 0;
  if (bySource.size >= MAX_SOURCES) bySource.clear();
  bySource.set(source, { lastLogged: now, unlogged: 0 });
  const count = earlier > 0 ? ` (and ${earlier} more refusal(s) from it since the last line)` : '';
  log.warn(`refused from ${source}: ${what}${count}`);
};
