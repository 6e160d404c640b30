// Which span names a trace, as jaeger-ui names an incomplete one: the earliest span without a
// parent; while that has not arrived, the earliest span whose parent is not in the trace; when
// every span has its parent present (a cycle), the earliest span. "Earliest" is by start time,
// then span id, so the choice does not depend on the order spans arrived in.

export type RootCandidate = { spanId: string; parentSpanId: string; startNs: bigint };

/** 1: a span without a parent; 2: the parent is not in the trace; 3: the earliest span. */
export type RootRule = 1 | 2 | 3;

export const isEarlierSpan = (a: RootCandidate, b: RootCandidate): boolean =>
  a.startNs < b.startNs || (a.startNs === b.startNs && a.spanId < b.spanId);

/** The root of a non-empty trace and the rule that chose it; `ids` are the trace's span ids when known (a set, or a map keyed by them). */
export const pickTraceRoot = <S extends RootCandidate>(spans: readonly S[], ids?: { has(spanId: string): boolean }): { span: S; rule: RootRule } => {
  if (spans.length === 0) throw new RangeError('pickTraceRoot needs at least one span');
  const present = ids ?? new Set(spans.map((s) => s.spanId));
  let parentless: S | undefined;
  let orphan: S | undefined;
  let earliest = spans[0];
  for (const span of spans) {
    if (isEarlierSpan(span, earliest)) earliest = span;
    if (span.parentSpanId === '') {
      if (!parentless || isEarlierSpan(span, parentless)) parentless = span;
    } else if (!present.has(span.parentSpanId) && (!orphan || isEarlierSpan(span, orphan))) {
      orphan = span;
    }
  }
  if (parentless) return { span: parentless, rule: 1 };
  if (orphan) return { span: orphan, rule: 2 };
  return { span: earliest, rule: 3 };
};
