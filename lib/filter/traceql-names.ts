import type { AttributeScope, Intrinsic, Operand } from './filter-ast';

// How TraceQL spells the AST's fields: the one table the parser, the formatter, the completion
// and the error messages read, so they cannot disagree. The canonical spelling (what
// formatTraceQL writes) is Tempo's scoped form (`span:name`, `trace:rootService`); the older
// unscoped names Tempo still accepts are aliases.
//
// Our extensions (Tempo has no such intrinsics): `trace:spanCount` and `trace:errorCount` (from
// the trace summary, in Tempo's `trace:` naming), `span:traceState` and `span:startTime` (unix
// nanoseconds, an int), named after RFC 0005's span fields.

export const INTRINSIC_TRACEQL: Record<Intrinsic, string> = {
  name: 'span:name',
  service: 'resource.service.name',
  kind: 'span:kind',
  status: 'span:status',
  statusMessage: 'span:statusMessage',
  duration: 'span:duration',
  start: 'span:startTime',
  traceId: 'trace:id',
  spanId: 'span:id',
  parentSpanId: 'span:parentID',
  traceState: 'span:traceState',
  scopeName: 'instrumentation:name',
  scopeVersion: 'instrumentation:version',
  eventName: 'event:name',
  traceDuration: 'trace:duration',
  rootService: 'trace:rootService',
  rootName: 'trace:rootName',
  spanCount: 'trace:spanCount',
  errorCount: 'trace:errorCount',
};

/** Every spelling the parser accepts for an intrinsic (the service is `resource.service.name`, an attribute path). */
export const INTRINSIC_BY_TRACEQL: ReadonlyMap<string, Intrinsic> = new Map<string, Intrinsic>([
  ...(Object.entries(INTRINSIC_TRACEQL) as [Intrinsic, string][]).filter(([i]) => i !== 'service').map(([i, text]) => [text, i] as [string, Intrinsic]),
  ['name', 'name'],
  ['status', 'status'],
  ['kind', 'kind'],
  ['duration', 'duration'],
  ['statusMessage', 'statusMessage'],
  ['traceDuration', 'traceDuration'],
  ['rootName', 'rootName'],
  ['rootServiceName', 'rootService'],
]);

/** Intrinsics Tempo has and we do not (refused by name rather than called unknown). */
export const UNSUPPORTED_INTRINSICS: ReadonlySet<string> = new Set([
  'childCount',
  'span:childCount',
  'parent',
  'nestedSetLeft',
  'nestedSetRight',
  'span:nestedSetLeft',
  'span:nestedSetRight',
  'event:timeSinceStart',
  'link:traceID',
  'link:spanID',
]);

/** Attribute scope prefixes (`span.` …) and the AST scope each names; `instrumentation.` is Tempo's word for `scope.`. */
export const SCOPE_BY_PREFIX: ReadonlyMap<string, AttributeScope> = new Map<string, AttributeScope>([
  ['span', 'span'],
  ['resource', 'resource'],
  ['scope', 'scope'],
  ['instrumentation', 'scope'],
  ['event', 'event'],
  ['link', 'link'],
]);

/** The prefix formatTraceQL writes for a scope ('' is the unscoped `.key`). */
export const SCOPE_PREFIX: Record<AttributeScope, string> = {
  span: 'span',
  resource: 'resource',
  scope: 'instrumentation',
  event: 'event',
  link: 'link',
  unscoped: '',
};

/** Characters that end an unquoted attribute name (Tempo's lexer), besides whitespace. */
export const ATTRIBUTE_TERMINATORS = '{}()=~!<>&|^,"';

/** Whether a key can be written unquoted after its scope prefix. */
export const isPlainAttributeKey = (key: string): boolean =>
  key !== '' && !/\s/u.test(key) && ![...key].some((c) => ATTRIBUTE_TERMINATORS.includes(c));

/** An attribute key as TraceQL writes it: plain, or quoted with `\"` and `\\` escaped. */
export const attributeKeyText = (key: string): string => (isPlainAttributeKey(key) ? key : `"${key.replace(/[\\"]/g, (c) => `\\${c}`)}"`);

/** An operand as TraceQL text, for formatting and for messages. */
export const operandText = (o: Operand): string =>
  o.kind === 'intrinsic' ? INTRINSIC_TRACEQL[o.name] : `${SCOPE_PREFIX[o.scope]}.${attributeKeyText(o.key)}`;
