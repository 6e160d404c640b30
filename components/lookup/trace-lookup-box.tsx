'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { lookupTrace } from '@/lib/client/lookup-trace';

// The top bar's "open a trace" box: takes whatever was copied (an id, a traceparent, a header
// line, a block of response headers) and opens the trace; unknown ids land on the not-found page.
export function TraceLookupBox() {
  const router = useRouter();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');

  const submit = async () => {
    const q = text.trim();
    if (!q || busy) return;
    setBusy(true);
    setFailure('');
    try {
      const result = await lookupTrace(q);
      if (result.found) {
        router.push(`/trace/${result.traceId}${result.spanId ? `?span=${result.spanId}` : ''}`);
        setText('');
      } else {
        const shown = result.traceIds[0] ?? result.spanIds[0] ?? q.slice(0, 200);
        router.push(`/trace/${encodeURIComponent(shown)}`);
      }
    } catch (err) {
      // a lookup that cannot reach the server must say so, not silently do nothing
      setFailure((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      role="search"
      className="relative"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <textarea
        aria-label="Trace id lookup"
        data-testid="trace-lookup-input"
        rows={1}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setFailure('');
        }}
        aria-invalid={failure !== ''}
        aria-describedby={failure ? 'trace-lookup-error' : undefined}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            void submit();
          }
        }}
        placeholder="Open trace: id, traceparent, span id, or paste headers…"
        className="block h-9 w-full resize-none overflow-hidden whitespace-nowrap rounded-md border border-slate-300 bg-slate-50 px-3 py-1.5 font-mono text-sm leading-6 placeholder:font-sans placeholder:text-slate-500 focus:border-sky-500 focus:bg-white focus:outline-none"
        disabled={busy}
      />
      {failure && (
        <p id="trace-lookup-error" role="alert" data-testid="trace-lookup-error"
          className="absolute top-full right-0 left-0 z-30 mt-1 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-800 shadow-lg">
          {failure}
        </p>
      )}
    </form>
  );
}
