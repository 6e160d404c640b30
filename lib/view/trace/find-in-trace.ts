import { parseDuration } from '@/lib/filter/parse-duration';
import { decodeValue, toStringForm, type EncodedAttributes } from '@/lib/model/attribute-value';
import { spanKindOfWord, statusCodeOfName } from '@/lib/model/conventions';
import type { Trace, TraceSpan } from './trace-model';

// Find within a trace. Whitespace-separated terms, all of which must hold:
//  - `status:error` / `status:ok` / `status:unset`, `kind:server` (any OTel span kind word),
//    `duration>100ms`, `duration<=2s` (>, >=, <, <=; Go's duration units, as in TraceQL);
//  - any other term must occur (case-insensitively) in the span's name, service, span id, status
//    message, or one of its attributes written `key=value` (span, resource and event attributes,
//    and event names). Search text is built once per span and cached.
// A term that looks like a field but does not parse (`kind:purple`, `duration>fast`) is text.

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

type Test = (span: TraceSpan) => boolean;

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
};

/** The test a field term stands for, or undefined when the term is plain text. */
const fieldTest = (term: string): Test | undefined => {
  const field = /^(status|kind):(\w+)$/.exec(term);
  if (field?.[1] === 'status') {
    const code = statusCodeOfName(field[2]);
    return code === undefined ? undefined : (span) => span.statusCode === code;
  }
  if (field?.[1] === 'kind') {
    const kind = spanKindOfWord(field[2]);
    return kind === undefined ? undefined : (span) => span.kind === kind;
  }
  const duration = /^duration(>=|<=|>|<)(.+)$/.exec(term);
  if (duration) {
    const ns = parseDuration(duration[2]);
    if (ns === undefined) return undefined;
    const us = Number(ns) / 1000;
    const compare = COMPARE[duration[1]];
    return (span) => compare(span.durationUs, us);
  }
  return undefined;
};

/** The spans matching the query, in trace order; an empty query matches nothing. */
export const findInTrace = (spans: readonly TraceSpan[], query: string): TraceSpan[] => {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [];
  const tests = terms.map((term): Test => fieldTest(term) ?? ((span) => searchText(span).includes(term)));
  return spans.filter((span) => tests.every((test) => test(span)));
};

/** The matched spans and their ancestors: the rows of "matches only", still a tree. */
export const withAncestors = (trace: Trace, spans: readonly TraceSpan[]): ReadonlySet<string> => {
  const keep = new Set<string>();
  for (const span of spans) {
    if (keep.has(span.spanId)) continue;
    keep.add(span.spanId);
    // up the chain until a span already kept (its ancestors are kept too): O(spans) in all
    for (let p = span.parentIndex; p >= 0 && !keep.has(trace.spans[p].spanId); p = trace.spans[p].parentIndex) keep.add(trace.spans[p].spanId);
  }
  return keep;
};
