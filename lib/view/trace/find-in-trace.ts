import { decodeValue, toStringForm, type EncodedAttributes } from '@/lib/model/attribute-value';
import type { TraceSpan } from './trace-model';

// Find within a trace: every whitespace-separated term must occur (case-insensitively) in the
// span's name, service, span id, or one of its attributes written `key=value` (span, resource
// and event attributes, and event names). Search text is built once per span and cached.

const textCache = new WeakMap<TraceSpan, string>();

const attrText = (attrs: EncodedAttributes | undefined, out: string[]) => {
  if (!attrs) return;
  for (const key in attrs) out.push(`${key}=${toStringForm(decodeValue(attrs[key]))}`);
};

const searchText = (span: TraceSpan): string => {
  let text = textCache.get(span);
  if (text !== undefined) return text;
  const parts = [span.name, span.serviceName, span.spanId, span.statusMessage];
  attrText(span.attributes, parts);
  attrText(span.resource.attributes, parts);
  for (const e of span.events) {
    parts.push(e.n);
    attrText(e.a, parts);
  }
  text = parts.join('\n').toLowerCase();
  textCache.set(span, text);
  return text;
};

/** The spans matching the query, in trace order; an empty query matches nothing. */
export const findInTrace = (spans: readonly TraceSpan[], query: string): TraceSpan[] => {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [];
  return spans.filter((span) => {
    const text = searchText(span);
    return terms.every((t) => text.includes(t));
  });
};
