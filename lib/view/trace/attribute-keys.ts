import type { Trace } from './trace-model';

/** Every attribute key on the trace's spans and their resources, sorted: what the statistics can be grouped by. */
export const attributeKeysOf = (trace: Trace): string[] => {
  const keys = new Set<string>();
  const resources = new Set<object>();
  for (const span of trace.spans) {
    for (const k in span.attributes) keys.add(k);
    if (!resources.has(span.resource)) {
      resources.add(span.resource);
      for (const k in span.resource.attributes) keys.add(k);
    }
  }
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
};
