-- Fewer, cheaper indexes on spans: each index is paid for by every span written (index
-- maintenance is most of the cost of ingest) and by its bytes on disk. Measured on 2M spans:
-- span_id btree 40 B/span, (operation_id, start_ns) 37 B/span, (service_id, start_ns) 35 B/span.

-- One index serves service and service + operation searches: the operation is checked inside
-- the index (a third key column costs 8 bytes per entry, a second index cost 37).
DROP INDEX IF EXISTS "spans_operation_id_start_ns_idx";
DROP INDEX IF EXISTS "spans_service_id_start_ns_idx";
CREATE INDEX "spans_service_id_start_ns_operation_id_idx" ON "spans"("service_id", "start_ns", "operation_id");

-- Span id lookups (a pasted span id) are rare: a BRIN bloom filter per 16 heap pages answers
-- them by reading ~1% of a day's pages, for ~5 B/span instead of a 40 B/span btree whose random
-- inserts were the second most expensive index to maintain. Spans are appended in arrival
-- order, so a range's filter is written once, when the range is summarized.
DROP INDEX IF EXISTS "spans_span_id_idx";
CREATE INDEX "spans_span_id_bloom" ON "spans" USING BRIN ("span_id" bytea_bloom_ops(n_distinct_per_range = 1200, false_positive_rate = 0.01))
  WITH (pages_per_range = 16, autosummarize = on);

-- Trace by id knows no time range, so it cannot prune day partitions, and planning the same
-- query against ~33 partitions on every call cost more (measured 8-10 ms) than running it.
-- The plan of a PL/pgSQL query is cached per connection; forced generic, it is planned once.
CREATE FUNCTION "spans_of_traces"(ids uuid[]) RETURNS SETOF "spans"
  LANGUAGE plpgsql STABLE
  SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  RETURN QUERY SELECT * FROM spans WHERE trace_id = ANY(ids);
END
$$;

-- The planner prices a bloom BRIN by the column's correlation, which for random span ids says
-- "every range", so left to itself it scans whole days; this lookup always takes the filter.
CREATE FUNCTION "trace_ids_of_span"(span bytea, max_traces integer) RETURNS TABLE ("trace_id" uuid, "last_start_ns" bigint)
  LANGUAGE sql STABLE
  SET enable_seqscan = off
  SET max_parallel_workers_per_gather = 0
AS $$
  SELECT trace_id, max(start_ns) FROM spans WHERE span_id = span GROUP BY trace_id ORDER BY 2 DESC LIMIT max_traces
$$;
