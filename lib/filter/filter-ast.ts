// The one filter language every search door speaks. TraceQL text (lib/filter/parse-traceql.ts),
// RFC 0005 JSON (lib/filter/parse-rfc0005.ts) and Jaeger's tag parameters
// (lib/filter/from-trace-query.ts) all become a `TraceFilter`; it is validated once
// (lib/filter/validate-filter.ts) and executed once (lib/store/read/run-trace-filter.ts).
// Nothing here knows SQL or HTTP, so the browser can parse and underline queries too.
//
// Semantics (Tempo's TraceQL documentation and Jaeger's RFC 0005, see ../README):
//  - A `SpanCondition` is about ONE span. `and` inside it means the same span (Jaeger's rule).
//  - A comparison with an absent value is false, and `not` is the only thing that flips it
//    (RFC 0005 §5.3): `not (a = 1)` is true where `a` is absent; `a != 1` is false there.
//  - Numeric comparisons are typed by the stored value (Tempo): an int or double attribute
//    compares numerically with an int or double constant; a string never compares with a number.
//  - `some` over a span's events or links: ONE event (link) must satisfy the whole condition.
//  - A `Spanset` is a set of spans of one trace; a trace matches when its spanset is non-empty.

/** Where an attribute lives. `unscoped` is TraceQL's `.key`: the span's, else its resource's. */
export type AttributeScope = 'span' | 'resource' | 'scope' | 'event' | 'link' | 'unscoped';

/**
 * Intrinsic fields. Span-level ones describe the span; `event:name` the event (inside `some`
 * over events); the `trace*`/`root*`/count ones describe the whole trace (from its summary) and
 * are the same for every span of it.
 */
export type Intrinsic =
  // span
  | 'name'
  | 'service'
  | 'kind'
  | 'status'
  | 'statusMessage'
  | 'duration'
  | 'start'
  | 'traceId'
  | 'spanId'
  | 'parentSpanId'
  /** W3C trace state of the span (Jaeger's `w3c.tracestate` tag; TraceQL extension `span:traceState`) */
  | 'traceState'
  // the span's instrumentation scope (TraceQL `instrumentation:name|version`, Jaeger `otel.scope.*`)
  | 'scopeName'
  | 'scopeVersion'
  // event (TraceQL `event:name`, RFC 0005 event field `name`)
  | 'eventName'
  // trace
  | 'traceDuration'
  | 'rootService'
  | 'rootName'
  | 'spanCount'
  | 'errorCount';

export const TRACE_INTRINSICS: readonly Intrinsic[] = ['traceDuration', 'rootService', 'rootName', 'spanCount', 'errorCount'];

export type Operand = { kind: 'attribute'; scope: AttributeScope; key: string } | { kind: 'intrinsic'; name: Intrinsic };

/** OTLP span kinds and statuses, by the words TraceQL uses. */
export type KindWord = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';
export type StatusWord = 'unset' | 'ok' | 'error';

/**
 * A constant. `untyped` is RFC 0005's bare scalar: it matches a stored value of any type whose
 * string form equals it (RFC §5.4), and Jaeger's tag values (compared by string form) are too.
 */
export type Literal =
  | { type: 'string'; value: string }
  | { type: 'int'; value: bigint }
  | { type: 'double'; value: number }
  | { type: 'bool'; value: boolean }
  /** nanoseconds */
  | { type: 'duration'; value: bigint }
  | { type: 'kind'; value: KindWord }
  | { type: 'status'; value: StatusWord }
  | { type: 'untyped'; value: string };

export type CompareOp = '=' | '!=' | '>' | '>=' | '<' | '<=';

/** Where a regular expression must match: TraceQL anchors to the whole value, RFC 0005 matches anywhere. */
export type RegexMode = 'whole' | 'anywhere';

export type SpanCondition =
  | { kind: 'compare'; operand: Operand; op: CompareOp; value: Literal }
  /** RE2 syntax, case-sensitive; `negated` is `!~` (still false where the value is absent) */
  | { kind: 'regex'; operand: Operand; pattern: string; mode: RegexMode; negated: boolean }
  /** `x != nil` / RFC `exists` (negated: `x = nil` / `absent`, true where absent) */
  | { kind: 'exists'; operand: Operand; negated: boolean }
  /** `negated` is `not in`: false where absent, like `!=` */
  | { kind: 'in'; operand: Operand; values: Literal[]; negated: boolean }
  | { kind: 'and'; args: SpanCondition[] }
  | { kind: 'or'; args: SpanCondition[] }
  | { kind: 'not'; arg: SpanCondition }
  /** one event (or link) of the span satisfies `where`; its operands use scope `event` (`link`) and `eventName` */
  | { kind: 'some'; over: 'event' | 'link'; where: SpanCondition }
  /** `{ }` / `{ true }`: every span */
  | { kind: 'true' }
  | { kind: 'false' };

export type AggregateFn = 'count' | 'avg' | 'min' | 'max' | 'sum';

export type PipelineStage =
  /** `| count() > 20`, `| avg(duration) > 1s`: keeps the spanset only when the aggregate compares true */
  | { kind: 'aggregate'; fn: AggregateFn; operand?: Operand; op: CompareOp; value: Literal }
  /** `| select(span.a, resource.b)`: adds these values to the matched spans in the answer */
  | { kind: 'select'; operands: Operand[] }
  /** `| { ... }`: narrows the spanset */
  | { kind: 'filter'; where: SpanCondition };

/**
 * A set of spans within one trace.
 *  - `&&`: both sides non-empty in the trace; the result is the union.  `||`: either; the union.
 *  - structural (TraceQL): `a > b` the spans of b whose parent is in a; `a >> b` the spans of b
 *    with an ancestor in a; `a < b` the spans of b whose child is in a (`<<`: a descendant);
 *    `a ~ b` the spans of b with a sibling (same parent, not itself) in a.
 */
export type Spanset =
  | { kind: 'spans'; where: SpanCondition }
  | { kind: 'combine'; op: '&&' | '||'; left: Spanset; right: Spanset }
  | { kind: 'structural'; op: '>' | '>>' | '<' | '<<' | '~'; left: Spanset; right: Spanset }
  | { kind: 'pipeline'; source: Spanset; stages: PipelineStage[] };

/** A whole filter: the traces with a non-empty spanset, and those spans as "matched". */
export type TraceFilter = { root: Spanset };

/** A refusal: what is wrong and where (an offset into TraceQL text, or a JSON path into RFC 0005 JSON). */
export type FilterError = { message: string; position?: { start: number; end: number }; path?: string };

export type FilterResult = { ok: true; filter: TraceFilter } | { ok: false; error: FilterError };

/** Limits every door enforces, so no query is unbounded in size or cost to plan. */
export const FILTER_LIMITS = {
  /** characters of TraceQL text, or of RFC 0005 JSON */
  maxQueryLength: 4_096,
  /** characters of one regular expression */
  maxRegexLength: 256,
  /** nesting of conditions, spansets and parentheses together */
  maxDepth: 16,
  /** leaves (comparisons) in one filter */
  maxLeaves: 64,
  /** values in one `in` list */
  maxInValues: 100,
} as const;
