import type { CompactTrace } from '@/lib/api/pages/compact-trace';
import { pickTraceRoot } from '@/lib/model/pick-trace-root';
import { byServiceName } from '@/lib/model/service-order';
import { StatusCode } from '@/lib/model/span-record';
import type { Trace, TraceResource, TraceScope, TraceService, TraceSpan } from './trace-model';

// mutable while building; handed out as read-only TraceSpan
type Node = TraceSpan & { kids: Node[] | undefined; placed: boolean };

const byStart = (a: Node, b: Node) => a.startUs - b.startUs || a.durationUs - b.durationUs;

/**
 * Turns the wire trace into the UI's Trace: spans in pre-order DFS (parent before children,
 * siblings by start time) with depth (1 for a root), children and subtree sizes. A span whose parent is not in
 * the trace is an orphan and becomes a root; spans caught in a parent cycle (reachable from no
 * root) are placed as roots too, the earliest first, so every span appears exactly once.
 * Iterative, so a 100,000-deep chain does not overflow the stack.
 */
export const buildTrace = (wire: CompactTrace): Trace => {
  const resources: TraceResource[] = wire.resources.map((r) => ({
    serviceName: wire.strings[r.s] ?? '',
    attributes: r.a,
    schemaUrl: r.u ?? '',
  }));
  const scopes: TraceScope[] = wire.scopes.map((s) => ({
    name: wire.strings[s.n] ?? '',
    version: wire.strings[s.v] ?? '',
    attributes: s.a ?? {},
  }));

  const nodes = new Map<string, Node>();
  for (const s of wire.spans) {
    // the server sends each span id once (getTraces keeps the first copy); the same rule here
    if (nodes.has(s.i)) continue;
    const resource = resources[s.r];
    const statusCode = s.st ?? StatusCode.UNSET;
    nodes.set(s.i, {
      index: -1,
      spanId: s.i,
      parentSpanId: s.p ?? '',
      parentIndex: -1,
      orphan: false,
      name: wire.strings[s.n] ?? '',
      serviceName: resource?.serviceName ?? '',
      kind: s.k,
      startUs: s.s,
      durationUs: s.d,
      depth: 1,
      children: [],
      descendantCount: 0,
      statusCode,
      statusMessage: s.sm ?? '',
      isError: statusCode === StatusCode.ERROR,
      attributes: s.a,
      events: s.e ?? [],
      links: s.l ?? [],
      traceState: s.ts ?? '',
      resource: resource ?? { serviceName: '', attributes: {}, schemaUrl: '' },
      scope: scopes[s.c] ?? { name: '', version: '', attributes: {} },
      kids: undefined,
      placed: false,
    });
  }

  const roots: Node[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentSpanId ? nodes.get(node.parentSpanId) : undefined;
    if (parent && parent !== node) (parent.kids ??= []).push(node);
    else {
      roots.push(node);
      node.orphan = node.parentSpanId !== '';
    }
  }
  for (const node of nodes.values()) if (node.kids && node.kids.length > 1) node.kids.sort(byStart);
  roots.sort(byStart);

  const spans: TraceSpan[] = [];
  const place = (top: Node) => {
    // explicit stack of [node, parentIndex, depth]; children pushed in reverse so they pop in order
    const stack: [Node, number, number][] = [[top, -1, 1]];
    while (stack.length > 0) {
      const [node, parentIndex, depth] = stack.pop()!;
      if (node.placed) continue;
      node.placed = true;
      node.index = spans.length;
      node.parentIndex = parentIndex;
      node.depth = depth;
      spans.push(node);
      if (parentIndex >= 0) spans[parentIndex].children.push(node.index);
      const kids = node.kids;
      if (kids) for (let k = kids.length - 1; k >= 0; k--) if (!kids[k].placed) stack.push([kids[k], node.index, depth + 1]);
    }
  };
  for (const root of roots) place(root);
  // parent cycles: nothing above reaches them; break each at its earliest span
  const unplaced = [...nodes.values()].filter((n) => !n.placed).sort(byStart);
  for (const node of unplaced) place(node);

  // subtree sizes: in pre-order every descendant follows its ancestor, so one backward pass
  for (let i = spans.length - 1; i >= 0; i--) {
    const p = spans[i].parentIndex;
    if (p >= 0) spans[p].descendantCount += spans[i].descendantCount + 1;
  }

  const byId = new Map<string, TraceSpan>();
  const serviceCounts = new Map<string, number>();
  let durationUs = 0;
  let depth = 0;
  let errorCount = 0;
  for (const span of spans) {
    byId.set(span.spanId, span);
    serviceCounts.set(span.serviceName, (serviceCounts.get(span.serviceName) ?? 0) + 1);
    durationUs = Math.max(durationUs, span.startUs + span.durationUs);
    depth = Math.max(depth, span.depth);
    if (span.isError) errorCount++;
  }
  const services: TraceService[] = [...serviceCounts].map(([name, spanCount]) => ({ name, spanCount }));
  services.sort(byServiceName);

  return {
    traceId: wire.traceId,
    startUs: wire.startUs,
    startNs: wire.startNs,
    durationUs,
    spans,
    byId,
    services,
    depth,
    errorCount,
    // named as the stored summaries and search results name it (pick-trace-root.ts): the earliest
    // span without a parent, else the earliest whose parent is absent, else the earliest
    root: spans.length === 0 ? undefined : byId.get(pickTraceRoot(spans.map((s) => ({ spanId: s.spanId, parentSpanId: s.parentSpanId, startNs: BigInt(Math.round(s.startUs * 1000)) }))).span.spanId),
  };
};
