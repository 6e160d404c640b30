'use client';

import { useId, useMemo, useRef, useState } from 'react';
import { parseTraceQL } from '@/lib/filter/parse-traceql';
import { useTraceqlKeys, useTraceqlValues } from '@/lib/client/traceql-queries';
import { useDebouncedValue } from '@/components/ui/use-debounced-value';
import { completeAtCursor } from '@/lib/view/traceql/complete-at-cursor';
import { highlightTraceql, type TraceqlTokenKind } from '@/lib/view/traceql/highlight-traceql';
import { applySuggestion, suggestionsFor, type Suggestion } from '@/lib/view/traceql/traceql-suggestions';

// The TraceQL query box of the search page: a textarea under a highlighted copy of its text
// (the copy draws colours and the error underline; the textarea, transparent, keeps the caret,
// selection and input), a suggestion list for the token at the caret (scopes, keys and values
// from what was stored, scoped to the service the query names, operators), and the parser's
// message for a query that does not parse. Enter runs the query (Shift+Enter: a new line);
// while the list is open, arrows move, Enter/Tab accept, Esc closes.

const TOKEN_CLASS: Record<TraceqlTokenKind, string> = {
  attribute: 'text-sky-700',
  intrinsic: 'text-violet-700',
  string: 'text-emerald-700',
  number: 'text-amber-700',
  keyword: 'text-sky-900 font-semibold',
  operator: 'text-slate-900 font-semibold',
  brace: 'text-slate-500',
  text: 'text-slate-900',
};

const BOX = 'block w-full min-h-[4.5rem] whitespace-pre-wrap break-words px-2.5 py-1.5 font-mono text-sm leading-6';

type TraceqlBoxProps = {
  /** the query searched (the URL's `q`) */
  query: string;
  onRun: (q: string) => void;
  /** the form's current criteria written as TraceQL, or undefined when the form has an error; without it, no such button */
  formQuery?: () => string | undefined;
  /** the server's refusal of the query searched */
  serverError?: { message: string; position?: { start: number; end: number } };
  searching: boolean;
};

export function TraceqlBox({ query, onRun, formQuery, serverError, searching }: TraceqlBoxProps) {
  const [text, setText] = useState(query);
  const [caret, setCaret] = useState(query.length);
  const [focused, setFocused] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const [active, setActive] = useState(0);
  const ref = useRef<HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const listId = useId();

  const parsed = useMemo(() => (text.trim() === '' ? undefined : parseTraceQL(text)), [text]);
  const localError = parsed && !parsed.ok ? parsed.error : undefined;
  const error = localError ?? (text === query ? serverError : undefined);
  const completion = useMemo(() => completeAtCursor(text, caret), [text, caret]);
  const keyScope = completion.kind === 'attribute' ? completion.keyScope : undefined;
  const keys = useTraceqlKeys(keyScope ?? 'unscoped', completion.service, focused && keyScope !== undefined);
  const valueTag = focused && completion.kind === 'value' ? completion.tag : undefined;
  const allValues = useTraceqlValues(valueTag, completion.service);
  // a key with more values than one answer offers: what is typed narrows on the server, so a rare
  // value (one service among hundreds) is found by typing part of it
  const narrow = useDebouncedValue(allValues.data?.capped && completion.kind === 'value' ? completion.prefix : '', 150);
  const narrowed = useTraceqlValues(narrow !== '' ? valueTag : undefined, completion.service, narrow);
  const values = narrow !== '' && narrowed.data ? narrowed : allValues;
  const suggestions = useMemo(
    () => suggestionsFor(completion, { keys: keys.data, values: values.data?.values }),
    [completion, keys.data, values.data],
  );
  const open = focused && !dismissed && suggestions.length > 0;
  const activeIndex = Math.min(active, suggestions.length - 1);

  const edit = (next: string, at: number) => {
    setText(next);
    setCaret(at);
    setActive(0);
    setDismissed(false);
  };
  const accept = (s: Suggestion) => {
    const applied = applySuggestion(text, completion, s);
    edit(applied.text, applied.caret);
    requestAnimationFrame(() => ref.current?.setSelectionRange(applied.caret, applied.caret));
  };
  const run = () => {
    if (localError) return;
    setDismissed(true);
    onRun(text.trim());
  };
  const fromForm = () => {
    const q = formQuery?.();
    if (q !== undefined) edit(q, q.length);
  };

  const tokens = highlightTraceql(text);
  const errStart = error?.position ? Math.min(error.position.start, text.length) : -1;
  const errEnd = error?.position ? Math.max(errStart + 1, Math.min(error.position.end, text.length + 1)) : -1;

  return (
    <section className="mb-4 rounded-lg border border-slate-200 bg-white p-3 shadow-xs" data-testid="traceql-box">
      <div className="mb-1.5 flex flex-wrap items-center gap-2">
        <label htmlFor="traceql" className="text-xs font-semibold tracking-wide text-slate-600 uppercase">
          TraceQL
        </label>
        <span className="text-xs text-slate-500">Enter runs it · Shift+Enter for a new line</span>
        {formQuery && <button type="button" onClick={fromForm} data-testid="traceql-from-form"
          className="ml-auto rounded-md border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50">
          Write the form as TraceQL
        </button>}
      </div>
      <div className="relative">
        <div ref={backdrop} aria-hidden className={`${BOX} pointer-events-none absolute inset-0 overflow-hidden rounded-md border border-transparent`}>
          {tokens.map((t) => {
            const overlaps = errStart >= 0 && t.start < errEnd && t.end > errStart;
            return (
              <span key={t.start} className={`${TOKEN_CLASS[t.kind]} ${overlaps ? 'underline decoration-red-600 decoration-wavy underline-offset-4' : ''}`}>
                {text.slice(t.start, t.end)}
              </span>
            );
          })}
          {errStart >= text.length && <span className="underline decoration-red-600 decoration-wavy underline-offset-4">{'\u00a0'}</span>}
          {'\n'}
        </div>
        <textarea
          ref={ref}
          id="traceql"
          data-testid="traceql-input"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open ? `${listId}-${activeIndex}` : undefined}
          aria-invalid={error !== undefined}
          aria-describedby={`${listId}-message`}
          spellCheck={false}
          autoComplete="off"
          rows={2}
          placeholder='{ resource.service.name = "checkout" && span:duration > 500ms }'
          className={`${BOX} relative resize-y rounded-md border border-slate-300 bg-transparent text-transparent caret-slate-900 outline-none selection:bg-sky-200/60 placeholder:text-slate-400 focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20 aria-invalid:border-red-500`}
          value={text}
          onChange={(e) => edit(e.target.value, e.target.selectionStart ?? e.target.value.length)}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? text.length)}
          onScroll={(e) => backdrop.current && (backdrop.current.scrollTop = e.currentTarget.scrollTop)}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onKeyDown={(e) => {
            if (open && e.key === 'ArrowDown') setActive((activeIndex + 1) % suggestions.length);
            else if (open && e.key === 'ArrowUp') setActive((activeIndex - 1 + suggestions.length) % suggestions.length);
            else if (open && (e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey) accept(suggestions[activeIndex]);
            else if (open && e.key === 'Escape') setDismissed(true);
            else if (e.key === 'Enter' && !e.shiftKey) run();
            else if (e.key === ' ' && e.ctrlKey) setDismissed(false);
            else return;
            e.preventDefault();
          }}
        />
        {open && (
          <ul id={listId} role="listbox" data-testid="traceql-suggestions"
            className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg">
            {suggestions.map((s, i) => (
              <li key={`${s.label}:${i}`} id={`${listId}-${i}`} role="option" aria-selected={i === activeIndex}
                className="flex cursor-pointer gap-2 px-3 py-1.5 font-mono text-slate-900 hover:bg-sky-50 aria-selected:bg-sky-100"
                onMouseDown={(e) => (e.preventDefault(), accept(s))}>
                <span className="truncate">{s.label}</span>
                {s.detail && <span className="ml-auto shrink-0 font-sans text-xs text-slate-500">{s.detail}</span>}
              </li>
            ))}
            {completion.kind === 'value' && values.data?.capped && (
              <li role="presentation" className="px-3 py-1 text-xs text-slate-500">The most frequent values; type to narrow</li>
            )}
          </ul>
        )}
      </div>
      <div className="mt-1.5 flex flex-wrap items-start gap-2">
        <p id={`${listId}-message`} role={error ? 'alert' : undefined} data-testid="traceql-error"
          className={`min-w-0 flex-1 text-xs ${error ? 'text-red-700' : 'text-slate-500'}`}>
          {error ? `${error.message}${error.position ? ` (at character ${error.position.start + 1})` : ''}` : 'Spans matching { … }; && and || join spansets, > and >> relate them, | count() > 2 aggregates.'}
        </p>
        <button type="button" onClick={run} disabled={localError !== undefined} data-testid="traceql-run"
          className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-semibold text-white shadow-xs hover:bg-sky-800 disabled:opacity-60">
          {searching && text.trim() === query ? 'Searching…' : 'Run query'}
        </button>
      </div>
    </section>
  );
}
