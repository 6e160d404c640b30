import { env, type TEnv } from '@/lib/env';
import type { IngestHttpDeps } from '@/lib/ingest/ingest-deps';
import { MemoryBudget } from '@/lib/ingest/memory-budget';
import { SpanWriter } from '@/lib/store/write/span-writer';
import { metrics, setMetricsSources } from './metrics';

// Process-wide singletons, kept on globalThis: the launcher (lib/server/main.ts) and the route
// handlers that Next.js bundles separately must share one writer and one queue.

type Runtime = { env: TEnv; writer: SpanWriter; memory: MemoryBudget; startedAt: number };

const KEY = Symbol.for('spanscope.runtime');
const store = globalThis as typeof globalThis & { [KEY]?: Runtime };

/** The process runtime, created on first use from the environment. */
export const runtime = (): Runtime => {
  const existing = store[KEY];
  if (existing) return existing;
  const config = env();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set: start Spanscope with `npm start`');
  const created: Runtime = {
    env: config,
    writer: new SpanWriter({
      databaseUrl: config.DATABASE_URL,
      maxQueuedSpans: config.INGEST_QUEUE_SPANS,
      maxWaitMs: config.INGEST_MAX_WAIT_MS,
      onCommit: (_spans, seconds) => metrics().commitSeconds.observe(seconds),
    }),
    memory: new MemoryBudget(config.INGEST_MEMORY_BYTES),
    startedAt: Date.now(),
  };
  store[KEY] = created;
  setMetricsSources({ queuedSpans: () => created.writer.backlog, heldBytes: () => created.memory.used, ingestPool: () => created.writer.poolStats() });
  return created;
};

/** The runtime if one was created, without creating it. */
export const existingRuntime = (): Runtime | undefined => store[KEY];

/** What the HTTP ingest handlers are handed: the writer as their sink, and the settings they enforce. */
export const ingestDeps = (): IngestHttpDeps => {
  const { env: config, writer, memory } = runtime();
  return { sink: writer, retentionDays: config.RETENTION_DAYS, tokens: config.INGEST_TOKENS, maxBodyBytes: config.INGEST_MAX_BODY_BYTES, memory, metrics: metrics().ingest };
};

// The parts of the process that are down right now and why (the embedded PostgreSQL while it is
// being restarted, for instance), for /api/health to name; on globalThis like the runtime.
const DOWN = Symbol.for('spanscope.down');
const downStore = globalThis as typeof globalThis & { [DOWN]?: Map<string, string> };
const downMap = () => (downStore[DOWN] ??= new Map());

/** Marks `part` down with the reason, until markUp. */
export const markDown = (part: string, reason: string): void => void downMap().set(part, reason);

/** Marks `part` up again. */
export const markUp = (part: string): void => void downMap().delete(part);

/** The parts down now, each with its reason. */
export const downParts = (): { part: string; reason: string }[] => [...downMap()].map(([part, reason]) => ({ part, reason }));
