import type { SuggestionScope } from '@/lib/api/pages/traceql-suggestion-answers';
import { attributeKeyText } from '@/lib/filter/traceql-names';

// What the query box offers at the cursor, given what kind of token belongs there (from
// completeTraceQL in lib/filter) and what the store knows (keys of a scope, values of a key).
// Pure: the box fetches, this ranks and formats. Every `insert` replaces the completion's
// `replace` range of the text.

export type CompletionKind = 'scope' | 'attribute' | 'operator' | 'value' | 'spansetOperator' | 'none';

/** The box's view of the completion context: what to suggest, the text typed so far, what it replaces. */
export type Completion = {
  kind: CompletionKind;
  prefix: string;
  replace: { start: number; end: number };
  /** for `attribute`: the scope whose keys to offer, and its prefix as typed (`span.`, `.`), written before each key */
  keyScope?: SuggestionScope;
  scopePrefix?: string;
  /** for `value`: the TraceQL identifier whose values to offer (`span.http.method`, `status`) */
  tag?: string;
  /** the service the query names, to scope suggestions to */
  service?: string;
  /** static words to offer (scopes, intrinsics, operators), when the language knows them */
  words?: readonly { label: string; insert: string; detail?: string }[];
};

export type Suggestion = { label: string; insert: string; detail?: string };

export const MAX_SUGGESTIONS = 50;

/** A value as a TraceQL literal: strings quoted and escaped, numbers and keywords as they are. */
export const valueLiteral = (v: { type: string; value: string }): string =>
  v.type === 'string' ? `"${v.value.replace(/[\\"]/g, (c) => `\\${c}`)}"` : v.value;

const matches = (label: string, prefix: string) => prefix === '' || label.toLowerCase().includes(prefix.toLowerCase());

/** Suggestions for a completion: static words, or the fetched keys / values, filtered by what was typed. */
export const suggestionsFor = (
  completion: Completion,
  fetched: { keys?: readonly string[]; values?: readonly { type: string; value: string }[]; capped?: boolean },
): Suggestion[] => {
  const { kind, prefix } = completion;
  let all: Suggestion[] = [];
  if (kind === 'attribute') {
    all = (fetched.keys ?? []).map((key) => ({ label: `${completion.scopePrefix ?? ''}${key}`, insert: `${attributeKeyText(key)} ` }));
  } else if (kind === 'value') {
    const stored = (fetched.values ?? []).filter((v) => matches(v.value, prefix)).map((v) => ({ label: v.value, insert: `${valueLiteral(v)} `, detail: v.type }));
    const seen = new Set(stored.map((s) => s.label));
    const words = (completion.words ?? []).filter((w) => !seen.has(w.label) && matches(w.label, prefix)).map((w) => ({ ...w, insert: `${w.insert} ` }));
    return [...stored, ...words].slice(0, MAX_SUGGESTIONS);
  } else if (kind !== 'none') {
    // operators and words end with a space, like the keys and values, so typing goes on
    all = (completion.words ?? []).map((w) => ({ ...w, insert: /[.:(]$/.test(w.insert) ? w.insert : `${w.insert} ` }));
  }
  return all.filter((s) => matches(s.label, prefix)).slice(0, MAX_SUGGESTIONS);
};

/** The text with a suggestion applied, and where the caret goes. */
export const applySuggestion = (text: string, completion: Completion, s: Suggestion): { text: string; caret: number } => {
  const { start, end } = completion.replace;
  const after = text.slice(end);
  const insert = s.insert.endsWith(' ') && /^\s/.test(after) ? s.insert.slice(0, -1) : s.insert;
  return { text: text.slice(0, start) + insert + after, caret: start + insert.length };
};
