import type { EncodedAttributes } from '@/lib/model/attribute-value';
import type { CompactEvent, CompactLink } from '@/lib/api/pages/compact-trace';

// The derived, read-only trace the UI works on, built once by buildTrace() where the trace
// enters the query cache. Times are microseconds relative to the trace start.

export type TraceResource = { serviceName: string; attributes: EncodedAttributes; schemaUrl: string };
export type TraceScope = { name: string; version: string; attributes: EncodedAttributes };

export type TraceSpan = {
  /** position in `Trace.spans` (pre-order DFS) */
  index: number;
  spanId: string;
  /** '' for a root */
  parentSpanId: string;
  /** index of the parent in `Trace.spans`, -1 for a root (including orphans) */
  parentIndex: number;
  /** the parent id names a span that is not in the trace (not arrived, or dropped) */
  orphan: boolean;
  name: string;
  serviceName: string;
  kind: number;
  startUs: number;
  durationUs: number;
  /** level in the tree: 1 for a root (orphans included), 2 for its children, … */
  depth: number;
  /** indexes of the children in `Trace.spans`, by start time */
  children: number[];
  /** number of descendants: the children's subtree sizes, summed */
  descendantCount: number;
  statusCode: number;
  statusMessage: string;
  isError: boolean;
  attributes: EncodedAttributes;
  events: CompactEvent[];
  links: CompactLink[];
  traceState: string;
  resource: TraceResource;
  scope: TraceScope;
};

export type TraceService = { name: string; spanCount: number };

export type Trace = {
  traceId: string;
  /** unix µs of the earliest span start */
  startUs: number;
  startNs: string;
  /** from the trace start to the latest span end */
  durationUs: number;
  spans: TraceSpan[];
  byId: Map<string, TraceSpan>;
  /** by name (lib/model/service-order.ts) */
  services: TraceService[];
  /** levels of the span tree: the deepest span's depth, 1 for a lone root */
  depth: number;
  errorCount: number;
  /** the span that names the trace (pick-trace-root.ts), undefined only for an empty trace */
  root: TraceSpan | undefined;
};
