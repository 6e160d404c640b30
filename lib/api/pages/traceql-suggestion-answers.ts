// Wire contract of the query box's suggestions (/api/ui/traceql/keys, /api/ui/traceql/values),
// read by the browser's Zod schemas (lib/client/schemas.ts) and written by
// lib/api/pages/list-traceql-suggestions.ts.

/** Where an attribute key is looked up: TraceQL's scopes (`unscoped` is `.key`: span or resource). */
export const SUGGESTION_SCOPES = ['span', 'resource', 'event', 'link', 'scope', 'unscoped'] as const;
export type SuggestionScope = (typeof SUGGESTION_SCOPES)[number];

/** Values offered for one key: the most frequent first. More than this and the list says it is capped. */
export const MAX_SUGGESTED_VALUES = 50;

export type TraceqlKeysAnswer = { keys: string[] };

/** `type` is Tempo's: string, int, float, bool, or keyword (status, kind). */
export type TraceqlValuesAnswer = { values: { type: string; value: string }[]; capped: boolean };
