type ErrorControlsProps = { count: number; errorsOnly: boolean; onErrorsOnly: (on: boolean) => void; onFirst: () => void };

/** "N failed spans: jump to the first · errors only"; nothing when no span failed. */
export function ErrorControls({ count, errorsOnly, onErrorsOnly, onFirst }: ErrorControlsProps) {
  if (count === 0) return null;
  const btn = 'rounded-md border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium hover:bg-slate-100 aria-pressed:border-red-400 aria-pressed:bg-red-50';
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs" data-testid="error-controls">
      <span className="font-medium text-red-700">
        {count.toLocaleString('en-US')} failed {count === 1 ? 'span' : 'spans'}
      </span>
      <button type="button" className={btn} onClick={onFirst} data-testid="first-error">
        Jump to the first error
      </button>
      <button type="button" className={btn} aria-pressed={errorsOnly} onClick={() => onErrorsOnly(!errorsOnly)} data-testid="errors-only">
        Errors only
      </button>
    </div>
  );
}
