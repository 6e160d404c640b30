import { useState } from 'react';
import { parseGoDuration } from '@/lib/api/params/parse-go-duration';
import type { SearchState } from '@/lib/api/pages/search-state';
import { Field, inputClass } from '@/components/ui/field';
import { OperationSelect } from './operation-select';
import { ServiceSelect } from './service-select';
import { TagsInput } from './tags-input';
import { TimeRangeFields } from './time-range-fields';
import { setTimeZone } from '@/components/layout/use-time-zone';

type SearchFormProps = {
  state: SearchState;
  onSubmit: (next: SearchState) => void;
  serverError?: { param: string; message: string };
  searching: boolean;
};

const durationError = (text: string): string | undefined => {
  if (text.trim() === '') return undefined;
  try {
    parseGoDuration(text.trim());
    return undefined;
  } catch {
    return 'Write a duration such as 250ms, 1.5s or 500us';
  }
};

/** The search form: edits a draft, and only a submit changes the URL (and so the search). */
export function SearchForm({ state, onSubmit, serverError, searching }: SearchFormProps) {
  const [draft, setDraft] = useState(state);
  // typed as text so the box can be cleared while typing; read as a number on submit
  const [limitText, setLimitText] = useState(String(state.limit));
  const set = (patch: Partial<SearchState>) => setDraft((d) => ({ ...d, ...patch }));
  const errorOf = (param: string) => (serverError?.param === param ? serverError.message : undefined);
  const minError = durationError(draft.minDuration);
  const maxError = durationError(draft.maxDuration);
  const traceMinError = durationError(draft.traceMinDuration);
  const traceMaxError = durationError(draft.traceMaxDuration);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const limit = Math.max(1, Math.min(1500, Math.trunc(Number(limitText)) || state.limit));
    if (!minError && !maxError && !traceMinError && !traceMaxError) onSubmit({ ...draft, limit, tz: state.tz, sort: state.sort });
  };

  return (
    <form onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-xs" data-testid="search-form">
      <Field label="Service" htmlFor="service">
        <ServiceSelect value={draft.service} onChange={(service) => set({ service, operation: '' })} />
      </Field>
      <Field label="Operation" htmlFor="operation">
        <OperationSelect service={draft.service} value={draft.operation} onChange={(operation) => set({ operation })} />
      </Field>
      <Field label="Attributes" htmlFor="tags" error={errorOf('tags')} hint={<>logfmt, e.g. <code>http.status_code=500 error=true</code></>}>
        <TagsInput service={draft.service} value={draft.tags} onChange={(tags) => set({ tags })} />
      </Field>
      <TimeRangeFields draft={draft} tz={state.tz} onDraftChange={set} onTzChange={setTimeZone} />
      <div className="grid grid-cols-2 gap-3">
        <Field label="Min duration" htmlFor="minDuration" error={minError ?? errorOf('minDuration')}>
          <input id="minDuration" data-testid="min-duration" className={inputClass} placeholder="e.g. 250ms" aria-invalid={!!minError}
            value={draft.minDuration} onChange={(e) => set({ minDuration: e.target.value })} />
        </Field>
        <Field label="Max duration" htmlFor="maxDuration" error={maxError ?? errorOf('maxDuration')}>
          <input id="maxDuration" data-testid="max-duration" className={inputClass} placeholder="e.g. 1.5s" aria-invalid={!!maxError}
            value={draft.maxDuration} onChange={(e) => set({ maxDuration: e.target.value })} />
        </Field>
      </div>
      <p className="-mt-2 text-xs text-slate-500">Duration and attributes apply to one span of the trace, as in Jaeger.</p>
      <fieldset className="space-y-4 border-t border-slate-200 pt-4" data-testid="trace-criteria">
        <legend className="sr-only">The whole trace</legend>
        <Field label="Root service" htmlFor="rootService">
          <ServiceSelect id="rootService" testId="root-service-select" anyLabel="Any root service" value={draft.rootService}
            onChange={(rootService) => set({ rootService, rootOperation: '' })} />
        </Field>
        <Field label="Root operation" htmlFor="rootOperation">
          <OperationSelect id="rootOperation" testId="root-operation-select" service={draft.rootService} value={draft.rootOperation}
            onChange={(rootOperation) => set({ rootOperation })} />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Trace min" htmlFor="traceMinDuration" error={traceMinError ?? errorOf('traceMinDuration')}>
            <input id="traceMinDuration" data-testid="trace-min-duration" className={inputClass} placeholder="e.g. 1s" aria-invalid={!!traceMinError}
              value={draft.traceMinDuration} onChange={(e) => set({ traceMinDuration: e.target.value })} />
          </Field>
          <Field label="Trace max" htmlFor="traceMaxDuration" error={traceMaxError ?? errorOf('traceMaxDuration')}>
            <input id="traceMaxDuration" data-testid="trace-max-duration" className={inputClass} placeholder="e.g. 30s" aria-invalid={!!traceMaxError}
              value={draft.traceMaxDuration} onChange={(e) => set({ traceMaxDuration: e.target.value })} />
          </Field>
        </div>
        <p className="-mt-2 text-xs text-slate-500">These apply to the whole trace: its root span, and its duration from the first span&apos;s start to the last span&apos;s end.</p>
      </fieldset>
      <Field label="Page size" htmlFor="limit" hint="Traces per page, up to 1500; Load more fetches the next page">
        <input id="limit" type="number" min={1} max={1500} data-testid="limit" className={inputClass}
          value={limitText} onChange={(e) => setLimitText(e.target.value)} />
      </Field>
      <button type="submit" data-testid="search-submit"
        className="w-full rounded-md bg-sky-700 px-3 py-2 text-sm font-semibold text-white shadow-xs hover:bg-sky-800 disabled:opacity-60">
        {searching ? 'Searching…' : 'Find traces'}
      </button>
    </form>
  );
}
