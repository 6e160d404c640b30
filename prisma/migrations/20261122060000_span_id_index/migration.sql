-- Lookup by span id (the trace-id box accepts a span id and opens the trace that holds it).
-- Declared on the partitioned parent, so every day partition, present and future, gets it.
CREATE INDEX "spans_span_id_idx" ON "spans"("span_id");
