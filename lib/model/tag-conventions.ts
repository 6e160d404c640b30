import type { EncodedAttributes } from './attribute-value';
import { spanKindOfWord, statusCodeOfName, toStorableText } from './conventions';
import { SpanKind, StatusCode, type ScopeRecord } from './span-record';

// The tags through which Jaeger and Zipkin carry the OTLP fields they have no slot for, as the
// OpenTelemetry Collector's translators write and read them. Ingest takes them out of the tags into
// the span's fields; the Jaeger encoder writes them back; the search turns them into column conditions.

export const TagKey = {
  /** `true` marks an error span (Zipkin: any value, which is the error message). */
  ERROR: 'error',
  SPAN_KIND: 'span.kind',
  STATUS_CODE: 'otel.status_code',
  STATUS_DESCRIPTION: 'otel.status_description',
  TRACE_STATE: 'w3c.tracestate',
  SCOPE_NAME: 'otel.scope.name',
  SCOPE_VERSION: 'otel.scope.version',
  /** The names of the scope before OpenTelemetry renamed the instrumentation library. */
  LIBRARY_NAME: 'otel.library.name',
  LIBRARY_VERSION: 'otel.library.version',
  /** The log field that names a Jaeger log, which is an OTLP event. */
  LOG_EVENT: 'event',
  /** The link attribute that keeps a Jaeger reference's type: REF_CHILD_OF or REF_FOLLOWS_FROM. */
  REF_TYPE: 'opentracing.ref_type',
} as const;

export const REF_CHILD_OF = 'child_of';
export const REF_FOLLOWS_FROM = 'follows_from';

/** Tags being read into a span: typed attributes (Jaeger) or strings (Zipkin). */
type Tags = EncodedAttributes;

/** Removes and returns a string tag; a tag of another type stays. */
export const takeStringTag = (tags: Tags, key: string): string | undefined => {
  if (!Object.hasOwn(tags, key)) return undefined;
  const v = tags[key];
  if (typeof v !== 'string') return undefined;
  delete tags[key];
  return v;
};

/** The kind a `span.kind` tag names (removed); a word that is no OTLP kind stays a tag and gives UNSPECIFIED. */
export const takeSpanKind = (tags: Tags): SpanKind => {
  const word = takeStringTag(tags, TagKey.SPAN_KIND);
  if (word === undefined) return SpanKind.UNSPECIFIED;
  const kind = spanKindOfWord(word) ?? SpanKind.UNSPECIFIED;
  if (kind === SpanKind.UNSPECIFIED) tags[TagKey.SPAN_KIND] = word; // not an OTLP kind: keep as sent
  return kind;
};

export type TagStatus = { code: StatusCode; message: string };

/**
 * A Jaeger span's status from its tags (the status tags are removed). The `error` tag, when true,
 * is the ultimate truth and is removed; any other `error` value stays a tag. Otherwise
 * `otel.status_code` decides; the description counts only for a status that is set.
 */
export const takeJaegerStatus = (tags: Tags): TagStatus => {
  let code: StatusCode = StatusCode.UNSET;
  let message = '';
  const error = tags[TagKey.ERROR];
  if (error === true || error === 'true') {
    code = StatusCode.ERROR;
    delete tags[TagKey.ERROR];
  }
  const otelCode = takeStringTag(tags, TagKey.STATUS_CODE);
  if (otelCode !== undefined && code === StatusCode.UNSET) code = statusCodeOfName(otelCode) ?? StatusCode.UNSET;
  const description = takeStringTag(tags, TagKey.STATUS_DESCRIPTION);
  if (description !== undefined && code !== StatusCode.UNSET) message = description;
  return { code, message };
};

/**
 * A Zipkin span's status from its string tags (all three status tags are removed). `otel.status_code`
 * OK wins; otherwise an ERROR code or any `error` tag is an error, whose message is the description,
 * else the `error` tag's value (Zipkin puts the message there), unless that is just "true".
 */
export const takeZipkinStatus = (tags: Record<string, string>): TagStatus => {
  const otelCode = takeStringTag(tags, TagKey.STATUS_CODE);
  const description = takeStringTag(tags, TagKey.STATUS_DESCRIPTION);
  const error = takeStringTag(tags, TagKey.ERROR);
  const named = otelCode === undefined ? undefined : statusCodeOfName(otelCode);
  if (named === StatusCode.OK) return { code: StatusCode.OK, message: '' };
  if (named === StatusCode.ERROR || error !== undefined) {
    const fromError = error !== undefined && error !== 'true' ? error : '';
    return { code: StatusCode.ERROR, message: toStorableText(description ?? fromError) };
  }
  return { code: StatusCode.UNSET, message: '' };
};

/**
 * The scope named by `otel.scope.name|version` (else `otel.library.name|version`); those tags are
 * removed. Spans naming the same scope share one record, kept in `scopes`.
 */
export const takeScope = (tags: Tags, scopes: Map<string, ScopeRecord>): ScopeRecord => {
  const name = toStorableText(takeStringTag(tags, TagKey.SCOPE_NAME) ?? takeStringTag(tags, TagKey.LIBRARY_NAME) ?? '');
  const version = toStorableText(takeStringTag(tags, TagKey.SCOPE_VERSION) ?? takeStringTag(tags, TagKey.LIBRARY_VERSION) ?? '');
  const key = `${name}\0${version}`;
  let scope = scopes.get(key);
  if (!scope) scopes.set(key, (scope = { name, version, attributes: {}, droppedAttributesCount: 0, schemaUrl: '' }));
  return scope;
};
