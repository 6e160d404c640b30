-- Per-minute rollups, written by the span writer in the batch's own transaction
-- (lib/store/write/aggregate-rollups.ts) and compacted by a background pass
-- (lib/store/compact-rollups.ts), so the services page, the explore page's service/operation/
-- kind/status groupings and the exception groups read few rows instead of scanning spans.
--
-- `level`: 0 a partial row of one batch (append-only: two writers never touch the same row),
-- 1 the one row of a key for a closed minute (the compaction of its level 0 and 1 rows),
-- 2 the one row of a key for a closed hour (bucket_ns is the hour's start), kept beside its
-- level 1 rows, which the minute-resolution charts read. A minute's data is its level 0 + 1 rows;
-- a compacted hour's is its level 2 rows + any level 0 rows that arrived after (see the readers).
--
-- Partitioned by the day of bucket_ns with the same bounds as spans (span_rollups_pYYYYMMDD holds
-- the minutes of that day), so retention drops them with their spans.
CREATE TABLE "span_rollups" (
    "bucket_ns" BIGINT NOT NULL,
    "level" SMALLINT NOT NULL,
    "service_id" INTEGER NOT NULL,
    -- the operation carries the span kind
    "operation_id" INTEGER NOT NULL,
    "status_code" SMALLINT NOT NULL,
    -- a request of its service, as the services page counts them: a SERVER or CONSUMER span, or
    -- a span without a parent (of any kind)
    "entry" BOOLEAN NOT NULL,
    "count" BIGINT NOT NULL,
    -- numeric: durations are int64, their sum may not be
    "duration_sum_ns" NUMERIC NOT NULL,
    -- sparse latency histogram, parallel arrays in ascending bucket order (lib/model/latency-sketch.ts)
    "buckets" SMALLINT[] NOT NULL,
    "counts" BIGINT[] NOT NULL
) PARTITION BY RANGE ("bucket_ns");
CREATE INDEX "span_rollups_level_bucket_ns_idx" ON "span_rollups" ("level", "bucket_ns");

-- Exception events per minute × service × operation × exception type × message fingerprint
-- (lib/model/fingerprint-message.ts), with the same levels and partitions; the example is the
-- latest event's.
CREATE TABLE "exception_rollups" (
    "bucket_ns" BIGINT NOT NULL,
    "level" SMALLINT NOT NULL,
    "service_id" INTEGER NOT NULL,
    "operation_id" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "count" BIGINT NOT NULL,
    "first_ns" BIGINT NOT NULL,
    "last_ns" BIGINT NOT NULL,
    "example_message" TEXT NOT NULL,
    "example_stacktrace" TEXT NOT NULL,
    "example_trace_id" UUID NOT NULL
) PARTITION BY RANGE ("bucket_ns");
CREATE INDEX "exception_rollups_level_bucket_ns_idx" ON "exception_rollups" ("level", "bucket_ns");

-- a partition for every day that already has spans (their rollups start empty: spans stored
-- before this migration are not rolled up, and the readers say nothing about them)
DO $$
DECLARE
  part record;
  d bigint;
BEGIN
  FOR part IN
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'spans'::regclass AND c.relname ~ '^spans_p[0-9]{8}$'
  LOOP
    d := (to_date(substr(part.name, 8), 'YYYYMMDD') - DATE '1970-01-01');
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF span_rollups FOR VALUES FROM (%s) TO (%s)',
                   'span_rollups_p' || substr(part.name, 8), d * 86400000000000, (d + 1) * 86400000000000);
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF exception_rollups FOR VALUES FROM (%s) TO (%s)',
                   'exception_rollups_p' || substr(part.name, 8), d * 86400000000000, (d + 1) * 86400000000000);
  END LOOP;
END
$$;
