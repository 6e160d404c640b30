-- One row per trace, kept by the writer as spans arrive (lib/store/write/upkeep-trace-summaries.ts),
-- so searches can sort and page over every matching trace without aggregating spans.
--
-- Partitioned by `day`: the UTC day of the first batch that brought spans of the trace. It never
-- changes, so a trace that crosses midnight keeps one row (later batches look for the row within
-- a day either side of their spans), and retention drops trace_summaries_pD with spans_pD.
-- Distributed by trace_id on Citus like spans; the key holds trace_id, nothing is unique across traces.
CREATE TABLE "trace_summaries" (
    "trace_id" UUID NOT NULL,
    "day" INTEGER NOT NULL,
    -- earliest span start, latest span start, latest span end (unix ns)
    "start_ns" BIGINT NOT NULL,
    "last_start_ns" BIGINT NOT NULL,
    "end_ns" BIGINT NOT NULL,
    "duration_ns" BIGINT GENERATED ALWAYS AS ("end_ns" - "start_ns") STORED,
    -- distinct span ids: a span sent twice counts once (the first stored copy wins)
    "span_count" INTEGER NOT NULL,
    "error_count" INTEGER NOT NULL,
    -- server and consumer spans, and parentless spans: the requests the trace served
    "entry_span_count" INTEGER NOT NULL,
    -- spans whose parent id is not in the trace
    "orphan_span_count" INTEGER NOT NULL,
    "root_span_id" BYTEA NOT NULL,
    "root_start_ns" BIGINT NOT NULL,
    "root_service_id" INTEGER NOT NULL,
    "root_operation_id" INTEGER NOT NULL,
    -- how the root was chosen: 1 a span without a parent, 2 the earliest span whose parent is not
    -- in the trace (the root has not arrived), 3 the earliest span (every parent is present: a cycle)
    "root_rule" SMALLINT NOT NULL,
    -- parallel arrays, one entry per service of the trace, ordered by service id
    "service_ids" INTEGER[] NOT NULL,
    "service_span_counts" INTEGER[] NOT NULL,
    "service_error_counts" INTEGER[] NOT NULL,
    -- false once the trace outgrew the duplicate check (see the writer): counts may include repeats
    "exact" BOOLEAN NOT NULL DEFAULT true,
    PRIMARY KEY ("trace_id", "day")
) PARTITION BY RANGE ("day");

-- newest/oldest first, and the time window of every search
CREATE INDEX "trace_summaries_start_ns_idx" ON "trace_summaries" ("start_ns", "trace_id");
-- longest/shortest first over a long window or the whole store
CREATE INDEX "trace_summaries_duration_ns_idx" ON "trace_summaries" ("duration_ns", "trace_id");

-- A partition for every day that already holds spans, and their summaries computed once from the
-- stored spans (an upgrade keeps its traces searchable). The root here follows rules 1 and 3;
-- the writer applies rule 2 as spans arrive.
DO $$
DECLARE
  part record;
  d integer;
BEGIN
  FOR part IN
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'spans'::regclass AND c.relname ~ '^spans_p[0-9]{8}$'
  LOOP
    d := (to_date(substr(part.name, 8), 'YYYYMMDD') - DATE '1970-01-01');
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF trace_summaries FOR VALUES FROM (%s) TO (%s)',
                   'trace_summaries_p' || substr(part.name, 8), d, d + 1);
  END LOOP;
END
$$;

WITH spans_once AS (
  SELECT DISTINCT ON (s.trace_id, s.span_id) s.trace_id, s.span_id, s.parent_span_id, s.start_ns,
         s.start_ns + s.duration_ns AS end_ns, s.service_id, s.operation_id, s.status_code, o.kind
  FROM spans s JOIN operations o ON o.id = s.operation_id
  ORDER BY s.trace_id, s.span_id, s.start_ns, s.duration_ns, s.service_id, s.operation_id -- lib/model/duplicate-spans.ts
), per_service AS (
  -- status 2 is ERROR, kinds 2 and 5 are SERVER and CONSUMER (lib/model/span-record.ts)
  SELECT trace_id, service_id, count(*)::int AS spans, count(*) FILTER (WHERE status_code = 2)::int AS errors
  FROM spans_once GROUP BY trace_id, service_id
), services AS (
  SELECT trace_id, array_agg(service_id ORDER BY service_id) AS ids, array_agg(spans ORDER BY service_id) AS spans,
         array_agg(errors ORDER BY service_id) AS errors
  FROM per_service GROUP BY trace_id
), roots AS (
  SELECT DISTINCT ON (trace_id) trace_id, span_id, start_ns, service_id, operation_id, parent_span_id IS NULL AS parentless
  FROM spans_once ORDER BY trace_id, (parent_span_id IS NOT NULL), start_ns, span_id
), totals AS (
  SELECT trace_id, min(start_ns) AS start_ns, max(start_ns) AS last_start_ns, max(end_ns) AS end_ns, count(*)::int AS spans,
         count(*) FILTER (WHERE status_code = 2)::int AS errors,
         count(*) FILTER (WHERE kind IN (2, 5) OR parent_span_id IS NULL)::int AS entries
  FROM spans_once GROUP BY trace_id
)
INSERT INTO trace_summaries (trace_id, day, start_ns, last_start_ns, end_ns, span_count, error_count, entry_span_count,
                             orphan_span_count, root_span_id, root_start_ns, root_service_id, root_operation_id, root_rule,
                             service_ids, service_span_counts, service_error_counts)
SELECT t.trace_id, (t.start_ns / 86400000000000)::int, t.start_ns, t.last_start_ns, t.end_ns, t.spans, t.errors, t.entries,
       0, r.span_id, r.start_ns, r.service_id, r.operation_id, CASE WHEN r.parentless THEN 1 ELSE 3 END,
       sv.ids, sv.spans, sv.errors
FROM totals t JOIN roots r USING (trace_id) JOIN services sv USING (trace_id);
