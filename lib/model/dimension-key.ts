import type { ResourceRecord, ScopeRecord, SpanRecord } from './span-record';

// What makes two spans share a resource (or scope), for the encoders that group spans under them:
// the store's row id once stored (rows are deduplicated by content when written), else the record
// object itself (an ingest batch shares one object per ResourceSpans/ScopeSpans).

export type ResourceKey = number | ResourceRecord;
export type ScopeKey = number | ScopeRecord;

export const resourceKeyOf = (span: SpanRecord): ResourceKey => span.resourceId ?? span.resource;

export const scopeKeyOf = (span: SpanRecord): ScopeKey => span.scopeId ?? span.scope;
