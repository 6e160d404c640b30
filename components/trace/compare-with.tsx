import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { lookupTrace } from '@/lib/client/lookup-trace';

const btn = 'rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-40';

// "Compare with…": another trace (in any form the lookup box takes, resolved before leaving so a
// typo is reported here) or the typical trace of this one's root operation (the baseline).
export function CompareWith({ traceId }: { traceId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!text.trim()) return;
    setBusy(true);
    setMessage('');
    try {
      const found = await lookupTrace(text.trim());
      if (found.found) router.push(`/compare/${traceId}...${found.traceId}`);
      else setMessage(found.traceIds.length + found.spanIds.length === 0 ? 'Not a trace id' : 'No stored trace has this id');
    } catch (err) {
      setMessage((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="relative">
      <button type="button" className={btn} onClick={() => setOpen((v) => !v)} aria-expanded={open} data-testid="compare-with">
        Compare with…
      </button>
      {open && (
        <form
          className="absolute right-0 z-20 mt-1 w-[min(24rem,calc(100vw-1.5rem))] space-y-2 rounded-md border border-slate-200 bg-white p-3 shadow-lg"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          data-testid="compare-with-form"
        >
          <label className="block text-xs font-medium text-slate-600">
            Another trace (id, traceparent, header…)
            <input
              autoFocus
              value={text}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
              className="mt-1 h-7 w-full rounded-md border border-slate-300 px-2 font-mono text-xs focus:border-sky-500 focus:outline-none"
              data-testid="compare-with-input"
            />
          </label>
          {message && <p className="text-xs text-red-600" data-testid="compare-with-message">{message}</p>}
          <div className="flex items-center gap-2">
            <button type="submit" className={btn} disabled={busy || !text.trim()} data-testid="compare-with-submit">Compare</button>
            <button type="button" className={btn} onClick={() => router.push(`/compare/${traceId}...baseline`)} data-testid="compare-with-baseline">
              With the typical trace
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
