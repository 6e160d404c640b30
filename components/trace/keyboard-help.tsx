const SHORTCUTS: [string, string][] = [
  ['j / ↓', 'next span'],
  ['k / ↑', 'previous span'],
  ['←', 'collapse, or go to parent'],
  ['→', 'expand, or go to first child'],
  ['Enter', 'open span detail'],
  ['Esc', 'close detail / leave find'],
  ['/ or Ctrl+F', 'find in trace'],
  ['n / N', 'next / previous match'],
  ['?', 'this help'],
  ['↑ ↓ ← → (flame graph focused)', 'parent, first child, neighbours on the row'],
];

type KeyboardHelpProps = { open: boolean; onOpenChange: (open: boolean) => void };

// The trace page's shortcuts, in a small popover under a "?" button.
export function KeyboardHelp({ open, onOpenChange }: KeyboardHelpProps) {
  return (
    <div className="relative">
      <button
        type="button"
        aria-label="Keyboard shortcuts"
        aria-expanded={open}
        onClick={() => onOpenChange(!open)}
        className="h-7 w-7 rounded-md border border-slate-300 bg-white text-sm font-semibold hover:bg-slate-100"
        data-testid="keyboard-help-button"
      >
        ?
      </button>
      {open && (
        <div role="dialog" aria-label="Keyboard shortcuts" className="absolute right-0 z-30 mt-2 w-72 rounded-md border border-slate-200 bg-white p-3 text-sm shadow-lg" data-testid="keyboard-help">
          <p className="mb-2 font-medium">Keyboard shortcuts</p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            {SHORTCUTS.map(([key, what]) => (
              <div key={key} className="contents">
                <dt>
                  <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-mono text-xs">{key}</kbd>
                </dt>
                <dd className="text-slate-600">{what}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </div>
  );
}
