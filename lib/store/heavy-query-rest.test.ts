import { afterEach, expect, test } from 'vitest';
import { noteIngestBacklog } from './ingest-activity';
import { REST_PER_MS_RUN, withHeavyQuery } from './read-budget';

// While ingest is saturated, a heavy read's slot rests after it (REST_PER_MS_RUN times as long as
// the read ran), so the next heavy read starts no earlier; with ingest idle it starts at once. (QUERY_HEAVY_CONCURRENCY
// is 1 by default.)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const READ_MS = 150;

/** When the second of two heavy reads asked at the same moment starts, in ms after the first ended. */
const secondStartsAfter = async () => {
  let firstEnded = 0;
  let secondStarted = 0;
  await Promise.all([
    withHeavyQuery(async () => {
      await sleep(READ_MS);
      firstEnded = performance.now();
    }),
    withHeavyQuery(async () => {
      secondStarted = performance.now();
    }),
  ]);
  return secondStarted - firstEnded;
};

afterEach(() => noteIngestBacklog(-Infinity));

test('with ingest idle, the next heavy read starts as soon as the slot is free', async () => {
  noteIngestBacklog(-Infinity);
  expect(await secondStartsAfter()).toBeLessThan(READ_MS / 2);
});

test('with ingest saturated, the slot rests in proportion to how long the read ran', async () => {
  noteIngestBacklog();
  expect(REST_PER_MS_RUN).toBeGreaterThanOrEqual(1);
  expect(await secondStartsAfter()).toBeGreaterThanOrEqual(READ_MS * REST_PER_MS_RUN * 0.9);
});
