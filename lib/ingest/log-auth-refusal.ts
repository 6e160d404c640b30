import { logger } from '@/lib/log';

// A refused ingest (401 / UNAUTHENTICATED) is logged, so an operator can find a misconfigured
// client: which protocol, the client's address and the credential form it tried, never the
// credential itself. One line per (protocol, address, form) per minute, and at most 20 lines a minute in
// all, so a client retrying in a loop cannot flood the log.

const log = logger('ingest-auth');
const QUIET_MS = 60_000;
const MAX_PER_MINUTE = 20;

/** The request header the launcher sets to the connection's peer address (any client-sent one is replaced). */
export const CLIENT_ADDRESS_HEADER = 'x-spanscope-client-address';

const state = { lastByKey: new Map<string, number>(), windowStart: 0, inWindow: 0, suppressed: 0 };

/** The client address of an HTTP ingest request, as the launcher recorded it (and a proxy's forwarded-for). */
export const clientAddressOf = (req: Request): string => {
  const peer = req.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown address';
  // Next.js fills x-forwarded-for with the peer itself; only a proxy's adds something
  const forwarded = req.headers.get('x-forwarded-for');
  return forwarded && forwarded !== peer ? `${peer} (x-forwarded-for ${forwarded.slice(0, 100)})` : peer;
};

/** Logs one refused ingest request, rate-limited. */
export const logAuthRefusal = (protocol: string, address: string, form: string, answer = '401', now = Date.now()): void => {
  const key = `${protocol}\0${address}\0${form}`;
  if ((state.lastByKey.get(key) ?? -Infinity) + QUIET_MS > now) return;
  if (now - state.windowStart >= QUIET_MS) {
    if (state.suppressed > 0) log.warn(`${state.suppressed} more refused ingest request(s) not logged in the last minute`);
    state.windowStart = now;
    state.inWindow = 0;
    state.suppressed = 0;
  }
  if (state.inWindow >= MAX_PER_MINUTE) {
    state.suppressed++;
    return;
  }
  state.inWindow++;
  state.lastByKey.set(key, now);
  if (state.lastByKey.size > 10_000) state.lastByKey.clear();
  log.warn(`refused ${protocol} ingest from ${address}: credential tried: ${form} (${answer})`);
};
