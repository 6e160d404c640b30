-- The service calls of the trace summaries (call_parent_ids, call_child_ids, call_counts) summed
-- per hour of the traces' start, so the dependency graph of a month reads ~720 hours of a few rows
-- each instead of every trace summary of the month (lib/store/read/get-dependencies.ts).
--
-- Rows are changes: the writer, in the batch's transaction, adds a trace's calls at the hour of its
-- start when its summary is written, and takes the old summary's calls away at the old start's
-- hour when it is rewritten (lib/store/write/count-call-changes.ts). So the sum of an hour's rows
-- always equals the calls of the summaries that start in it. `level` 0: a batch's rows (append-only,
-- writers never wait on each other's rows); 1: the merge of an hour's rows by the compaction pass
-- (lib/store/compact-rollups.ts). Readers sum every level.
--
-- Not partitioned: a month is tens of thousands of rows, and a change may land on the hour of an
-- old start whose day retention already dropped. Retention deletes the hours before its first
-- kept day (lib/store/retention.ts).
CREATE TABLE "call_rollups" (
    "bucket_ns" BIGINT NOT NULL,
    "level" SMALLINT NOT NULL,
    "parent_id" INTEGER NOT NULL,
    "child_id" INTEGER NOT NULL,
    "count" BIGINT NOT NULL
);
CREATE INDEX "call_rollups_bucket_ns_idx" ON "call_rollups" ("bucket_ns");
CREATE INDEX "call_rollups_level_0_idx" ON "call_rollups" ("bucket_ns") WHERE "level" = 0;

-- the calls of the summaries already stored, merged per hour
INSERT INTO "call_rollups" ("bucket_ns", "level", "parent_id", "child_id", "count")
SELECT h, 1, p, c, sum(n)
FROM (
  SELECT t.start_ns - t.start_ns % 3600000000000 AS h,
         unnest(t.call_parent_ids) AS p, unnest(t.call_child_ids) AS c, unnest(t.call_counts) AS n
  FROM "trace_summaries" t WHERE cardinality(t.call_counts) > 0
) x
GROUP BY h, p, c;
