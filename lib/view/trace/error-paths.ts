import type { Trace, TraceSpan } from './trace-model';

// Where a trace failed. An error span none of whose children failed is where the error
// *originated*; an error span above a failed child may only be passing it on (a server span
// that returns 500 because its database call failed). Collapsed rows need to know that
// something below them failed, and "errors only" keeps the failed spans and their ancestors.

export type ErrorPaths = {
  /** error spans with no failed child */
  origins: ReadonlySet<string>;
  /** spans with a failed descendant (at any depth) */
  failedBelow: ReadonlySet<string>;
  /** the failed spans and their ancestors: the rows of "errors only" */
  keep: ReadonlySet<string>;
  /** the first failed span in tree order, if any */
  first: TraceSpan | undefined;
  count: number;
};

/** The error paths of a trace (O(spans): each ancestor chain is walked up only until a span already marked). */
export const errorPaths = (trace: Trace): ErrorPaths => {
  const failedBelow = new Set<string>();
  const origins = new Set<string>();
  const keep = new Set<string>();
  let first: TraceSpan | undefined;
  let count = 0;
  for (const span of trace.spans) {
    if (!span.isError) continue;
    count++;
    if (!first || span.index < first.index) first = span;
    keep.add(span.spanId);
    if (!span.children.some((c) => trace.spans[c].isError)) origins.add(span.spanId);
    for (let p = span.parentIndex; p >= 0; p = trace.spans[p].parentIndex) {
      const parent = trace.spans[p];
      if (failedBelow.has(parent.spanId)) break;
      failedBelow.add(parent.spanId);
      keep.add(parent.spanId);
    }
  }
  return { origins, failedBelow, keep, first, count };
};
