import { ingestIsBacklogged } from './ingest-activity';

// The budgets of the read side, in one place, so that readers can wait or fail but never take
// ingest's throughput or the process down:
//  - a statement timeout on every read connection (QUERY_TIMEOUT_MS; PostgreSQL cancels the query
//    and frees its backend), and the same bound on waiting for a connection of the read pool;
//  - a small read pool (QUERY_POOL_SIZE), separate from the writer's, whose sorts and hashes may
//    each take QUERY_WORK_MEM_MB before spilling to disk (PostgreSQL's 4 MB default spilled the
//    hour-wide explore and structural searches of a 10-million-span store to temp files);
//  - at most QUERY_HEAVY_CONCURRENCY heavy queries at once (dependencies, service metrics and
//    series over long windows): they scan whole days of spans, and on a small machine two of them
//    take every core that ingest's COPY needs; the rest wait, up to the timeout; and while ingest
//    is saturated, they run at most a quarter of the time (withHeavyQuery);
//  - the read connections' PostgreSQL processes run at a lower CPU priority (QUERY_NICE) when they
//    are on this machine (lower-read-priority.ts): what a heavy read still takes, it takes from
//    the idle time of the cores before it takes it from ingest's COPY;
//  - a byte and span budget for one answer of whole traces (QUERY_MAX_BYTES, QUERY_MAX_SPANS), and
//    attribute values over QUERY_ATTRIBUTE_VALUE_LENGTH characters cut in such answers (get-traces.ts).
// lib/env.ts validates these variables at start; lib/store cannot import it, so the values are
// read here from process.env (already validated by then) with the same defaults.

export const readSettings = () => ({
  timeoutMs: positive(process.env.QUERY_TIMEOUT_MS, 5_000),
  poolSize: positive(process.env.QUERY_POOL_SIZE, 3),
  workMemMb: positive(process.env.QUERY_WORK_MEM_MB, 32),
  heavyConcurrency: positive(process.env.QUERY_HEAVY_CONCURRENCY, 1),
  nice: niceness(process.env.QUERY_NICE, 10),
  maxBytes: positive(process.env.QUERY_MAX_BYTES, 32 * 1024 * 1024),
  maxSpans: positive(process.env.QUERY_MAX_SPANS, 100_000),
  attributeValueLength: positive(process.env.QUERY_ATTRIBUTE_VALUE_LENGTH, 16 * 1024),
});

function niceness(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 19 ? n : fallback;
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isInteger(n) && n > 0 ? n : fallback;
}

// Told apart by `code` (not instanceof): Next's bundle and the launcher each load this module.

/** A read ran past QUERY_TIMEOUT_MS (PostgreSQL cancelled it), or waited that long for a connection. */
export class QueryTimeoutError extends Error {
  readonly code = 'query-timeout';
}

/** Too many heavy reads are running or waiting: retry in a moment. */
export class QueryBusyError extends Error {
  readonly code = 'query-busy';
}

/** The answer would hold more than the per-request budget of spans or bytes. */
export class ReadBudgetError extends Error {
  readonly code = 'read-budget';
}

/**
 * The client went away (its request's signal aborted) while the read ran: the read stopped rather
 * than finish an answer nobody will receive (a page left while its 100,000-span trace was still
 * being read would otherwise hold the server for a second after).
 */
export class QueryAbandonedError extends Error {
  readonly code = 'query-abandoned';
}

/** How a read failure is answered: status, message, and Retry-After seconds for a transient one. */
export type ReadFailure = { status: number; message: string; retryAfterSeconds?: number };

const codeOf = (err: unknown): string | undefined => {
  // PostgreSQL's SQLSTATE may sit on the error or, through Prisma's driver adapter, on its cause
  for (let e = err as { code?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string' && /^(query-|read-budget|57014)/.test(e.code)) return e.code;
    const adapter = e.meta?.driverAdapterError?.cause?.originalCode;
    if (adapter) return adapter;
    e = e.cause as typeof e;
  }
  const message = String((err as Error | undefined)?.message ?? '');
  if (/canceling statement due to statement timeout/.test(message)) return '57014';
  if (/timeout exceeded when trying to connect/.test(message)) return 'query-busy';
  return undefined;
};

/** The answer for a failure of the read budgets, or undefined when `err` is something else. */
export const readFailure = (err: unknown): ReadFailure | undefined => {
  const { timeoutMs } = readSettings();
  switch (codeOf(err)) {
    case '57014':
    case 'query-timeout':
      return {
        status: 504,
        message: `the query ran longer than the ${timeoutMs / 1000} s query timeout (QUERY_TIMEOUT_MS) and was stopped: narrow it (a shorter time range, a service) or raise the setting`,
      };
    case 'query-busy':
      return {
        status: 503,
        message: `too many queries are running: this one waited ${timeoutMs / 1000} s (QUERY_TIMEOUT_MS) for its turn; retry in a moment`,
        retryAfterSeconds: 2,
      };
    case 'read-budget':
      return { status: 422, message: (err as Error).message };
    case 'query-abandoned':
      // nginx's "client closed request": nobody reads it, but the log and /metrics see no failure
      return { status: 499, message: 'the client closed the request before its answer was ready' };
    default:
      return undefined;
  }
};

type Gate = { running: number; waiting: (() => void)[] };
const GATE = Symbol.for('spanscope.heavy-query-gate');
const holder = globalThis as typeof globalThis & { [GATE]?: Gate };

/**
 * While ingest is saturated (ingest-activity.ts), a heavy read's slot rests after it for three
 * times as long as the read took before the next one may start: heavy reads then have at most a
 * quarter of one core's time, however many are asked for. Their Node.js part runs on ingest's own
 * thread, where no nice value reaches: in a 2M-span bench, four loops of heavy reads left ingest
 * 67% of its throughput without the rest and 78% with a rest as long as the read. At 10M, with
 * dependencies read from their hour rows (fast, so the loops ask far more often), a rest as long
 * as the read kept 80%. Idle ingest: no rest.
 */
export const REST_PER_MS_RUN = 3;

/**
 * Runs a heavy read once one of QUERY_HEAVY_CONCURRENCY slots is free; throws QueryBusyError
 * when no slot frees up within QUERY_TIMEOUT_MS (waiters are served in arrival order). `run`
 * should include the read's own processing of its rows, so that its rest covers it too.
 */
export const withHeavyQuery = async <T>(run: () => Promise<T>): Promise<T> => {
  const gate = (holder[GATE] ??= { running: 0, waiting: [] });
  const { heavyConcurrency, timeoutMs } = readSettings();
  if (gate.running >= heavyConcurrency) {
    await new Promise<void>((resolve, reject) => {
      const turn = () => (clearTimeout(timer), resolve());
      const timer = setTimeout(() => {
        gate.waiting.splice(gate.waiting.indexOf(turn), 1);
        reject(new QueryBusyError('heavy query slots are busy'));
      }, timeoutMs);
      gate.waiting.push(turn);
    });
  } else gate.running++;
  const started = performance.now();
  const release = () => {
    const next = gate.waiting.shift();
    if (next) next(); // the slot passes straight to the next waiter
    else gate.running--;
  };
  try {
    return await run();
  } finally {
    if (ingestIsBacklogged()) setTimeout(release, (performance.now() - started) * REST_PER_MS_RUN).unref();
    else release();
  }
};
