-- The service calls of each trace, kept in its summary by the writer (summarize-span-facts.ts), so
-- the dependency graph of any window reads one row per trace instead of joining every span of the
-- window to its parent (minutes for a month of spans). Parallel arrays, one entry per pair of
-- services (parent service id, child service id) with the number of spans of the child's service
-- whose parent span belongs to the parent's service; ordered by parent, then child.
ALTER TABLE "trace_summaries"
  ADD COLUMN "call_parent_ids" INTEGER[] NOT NULL DEFAULT '{}',
  ADD COLUMN "call_child_ids" INTEGER[] NOT NULL DEFAULT '{}',
  ADD COLUMN "call_counts" INTEGER[] NOT NULL DEFAULT '{}';

-- The calls of the traces already stored, computed once from their spans with the rule the writer
-- applies (lib/model/duplicate-spans.ts): each span id once (the earliest copy), and a SERVER span
-- with the id of a CLIENT span of its trace is that client's callee, not a copy; the spans of the
-- server's service that name the shared id as parent are the server half's children (no call).
WITH copies AS (
  SELECT s.trace_id, s.span_id, s.parent_span_id, s.service_id, o.kind, s.start_ns, s.duration_ns, s.operation_id
  FROM spans s JOIN operations o ON o.id = s.operation_id
), best_client AS (
  SELECT DISTINCT ON (trace_id, span_id) * FROM copies WHERE kind = 3
  ORDER BY trace_id, span_id, start_ns, duration_ns, service_id, operation_id
), best_server AS (
  SELECT DISTINCT ON (trace_id, span_id) * FROM copies WHERE kind = 2
  ORDER BY trace_id, span_id, start_ns, duration_ns, service_id, operation_id
), shared AS (
  SELECT sv.trace_id, sv.span_id, sv.service_id AS server_service, cl.service_id AS client_service
  FROM best_server sv JOIN best_client cl USING (trace_id, span_id)
), spans_once AS (
  -- the best copy of every span id that is not shared, and both halves of a shared one
  SELECT * FROM (
    SELECT DISTINCT ON (trace_id, span_id) * FROM copies
    ORDER BY trace_id, span_id, start_ns, duration_ns, service_id, operation_id
  ) b WHERE NOT EXISTS (SELECT 1 FROM shared sh WHERE sh.trace_id = b.trace_id AND sh.span_id = b.span_id)
  UNION ALL
  SELECT c.* FROM best_client c JOIN shared sh USING (trace_id, span_id)
  UNION ALL
  SELECT v.* FROM best_server v JOIN shared sh USING (trace_id, span_id)
), calls AS (
  SELECT trace_id, client_service AS parent_service, server_service AS child_service FROM shared
  UNION ALL
  SELECT c.trace_id, p.service_id, c.service_id
  FROM spans_once c
  JOIN spans_once p ON p.trace_id = c.trace_id AND p.span_id = c.parent_span_id
  LEFT JOIN shared sc ON sc.trace_id = c.trace_id AND sc.span_id = c.span_id AND c.kind = 2
  LEFT JOIN shared sp ON sp.trace_id = p.trace_id AND sp.span_id = p.span_id
  -- the server half's parent is its client half (the shared call above); a child naming a shared
  -- id is the server half's when it belongs to the server's service (no call), else the client's
  WHERE sc.trace_id IS NULL
    AND (sp.trace_id IS NULL OR (p.kind = 3 AND sp.server_service <> c.service_id))
), pairs AS (
  SELECT trace_id, parent_service, child_service, count(*)::int AS n
  FROM calls WHERE parent_service <> child_service
  GROUP BY trace_id, parent_service, child_service
), per_trace AS (
  SELECT trace_id, array_agg(parent_service ORDER BY parent_service, child_service) AS parents,
         array_agg(child_service ORDER BY parent_service, child_service) AS children,
         array_agg(n ORDER BY parent_service, child_service) AS counts
  FROM pairs GROUP BY trace_id
)
UPDATE trace_summaries t SET call_parent_ids = pt.parents, call_child_ids = pt.children, call_counts = pt.counts
FROM per_trace pt WHERE pt.trace_id = t.trace_id;
