// The parent/child structure the trace analyses walk (critical path, self time): one place that
// decides which span is a root, so both analyses and the API agree. A span is a root when it has
// no parent, when its parent is not in the trace (a missing parent never throws), or when it
// names itself as parent; a span that only has links has no parent, so it is a root too.

/** What the analyses need of a span: ids and times (unix ns); `kind` is the OTLP SpanKind number. */
export type TreeSpan = { spanId: string; parentSpanId: string; kind: number; startNs: bigint; endNs: bigint };

export type SpanTree<S extends TreeSpan> = {
  /** the trace's spans, each span id once (the first copy wins, as everywhere in the read model) */
  spans: S[];
  /** index of each span's parent in `spans`, -1 for a root */
  parent: Int32Array;
  /** indexes of each span's children, by start time (ties: in the order given) */
  children: number[][];
  /** indexes of the roots, by start time (ties: in the order given) */
  roots: number[];
};

export const buildSpanTree = <S extends TreeSpan>(input: readonly S[]): SpanTree<S> => {
  const index = new Map<string, number>();
  const spans: S[] = [];
  for (const s of input) {
    if (index.has(s.spanId)) continue;
    index.set(s.spanId, spans.length);
    spans.push(s);
  }
  const parent = new Int32Array(spans.length).fill(-1);
  const children: number[][] = spans.map(() => []);
  const roots: number[] = [];
  for (let i = 0; i < spans.length; i++) {
    const p = spans[i].parentSpanId ? index.get(spans[i].parentSpanId) : undefined;
    if (p === undefined || p === i) roots.push(i);
    else {
      parent[i] = p;
      children[p].push(i);
    }
  }
  // Array.prototype.sort is stable, so equal starts keep the order given
  const byStart = (a: number, b: number) => (spans[a].startNs < spans[b].startNs ? -1 : spans[a].startNs > spans[b].startNs ? 1 : 0);
  for (const kids of children) if (kids.length > 1) kids.sort(byStart);
  roots.sort(byStart);
  return { spans, parent, children, roots };
};
