// Whether ingest is saturated right now: spans have been waiting for a free writer within the
// last second (span-writer.ts notes it). The read side yields to it (read-budget.ts). Kept on
// globalThis because the writer runs in the launcher's copy of lib/store and the reads in Next's
// bundle of it.

const KEY = Symbol.for('spanscope.ingest-activity');
type Activity = { backloggedAtMs: number };
const holder = globalThis as typeof globalThis & { [KEY]?: Activity };
const activity = (): Activity => (holder[KEY] ??= { backloggedAtMs: -Infinity });

/** How long after the last backlog ingest still counts as saturated. */
const BACKLOG_MEMORY_MS = 1_000;

/** Spans are queued and every writer is busy. */
export const noteIngestBacklog = (nowMs = Date.now()) => {
  activity().backloggedAtMs = nowMs;
};

/** Whether spans waited for a writer within the last second. */
export const ingestIsBacklogged = (nowMs = Date.now()) => nowMs - activity().backloggedAtMs < BACKLOG_MEMORY_MS;
