import { fromDateTimeInput, toDateTimeInput, type TimeZoneMode } from '@/lib/view/format/format-time';
import { LOOKBACKS, type Lookback, type SearchState } from '@/lib/api/pages/search-state';
import { Field, inputClass } from '@/components/ui/field';

const LABELS: Record<Lookback, string> = {
  '5m': 'Last 5 minutes', '15m': 'Last 15 minutes', '30m': 'Last 30 minutes', '1h': 'Last hour', '3h': 'Last 3 hours',
  '6h': 'Last 6 hours', '12h': 'Last 12 hours', '1d': 'Last 24 hours', '2d': 'Last 2 days', '7d': 'Last 7 days',
  '14d': 'Last 14 days', retention: 'Everything kept (retention)', custom: 'Absolute range…',
};

type TimeRangeFieldsProps = {
  draft: SearchState;
  tz: TimeZoneMode;
  onDraftChange: (patch: Partial<SearchState>) => void;
  onTzChange: (tz: TimeZoneMode) => void;
};

/** Lookback presets or an absolute range, typed and shown in local time or UTC (the toggle applies at once). */
export function TimeRangeFields({ draft, tz, onDraftChange, onTzChange }: TimeRangeFieldsProps) {
  const chooseLookback = (lookback: Lookback) => {
    if (lookback !== 'custom') return onDraftChange({ lookback, startMs: undefined, endMs: undefined });
    const endMs = draft.endMs ?? Date.now();
    onDraftChange({ lookback, endMs, startMs: draft.startMs ?? endMs - 3_600_000 });
  };
  const setBound = (bound: 'startMs' | 'endMs', text: string) => {
    const ms = fromDateTimeInput(text, tz);
    if (Number.isFinite(ms)) onDraftChange({ [bound]: ms });
  };

  return (
    <div className="space-y-3">
      <Field label="Time range" htmlFor="lookback">
        <div className="flex gap-2">
          <select id="lookback" data-testid="lookback-select" className={inputClass} value={draft.lookback}
            onChange={(e) => chooseLookback(e.target.value as Lookback)}>
            {LOOKBACKS.map((l) => <option key={l} value={l}>{LABELS[l]}</option>)}
          </select>
          <div className="flex shrink-0 overflow-hidden rounded-md border border-slate-300 text-xs font-medium" role="group" aria-label="Time zone">
            {(['local', 'utc'] as const).map((mode) => (
              <button key={mode} type="button" data-testid={`tz-${mode}`} aria-pressed={tz === mode} onClick={() => onTzChange(mode)}
                className="px-2 text-slate-600 aria-pressed:bg-slate-800 aria-pressed:text-white">
                {mode === 'utc' ? 'UTC' : 'Local'}
              </button>
            ))}
          </div>
        </div>
      </Field>
      {draft.lookback === 'custom' && (
        <div className="grid gap-2">
          {(['startMs', 'endMs'] as const).map((bound) => (
            <Field key={bound} label={`${bound === 'startMs' ? 'From' : 'To'} (${tz === 'utc' ? 'UTC' : 'local'})`} htmlFor={bound}>
              <input id={bound} type="datetime-local" step={1} data-testid={bound === 'startMs' ? 'range-start' : 'range-end'}
                className={inputClass} value={draft[bound] !== undefined ? toDateTimeInput(draft[bound]!, tz) : ''}
                onChange={(e) => setBound(bound, e.target.value)} />
            </Field>
          ))}
        </div>
      )}
    </div>
  );
}
