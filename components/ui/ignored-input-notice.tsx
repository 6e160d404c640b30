import { useState } from 'react';

type IgnoredInputNoticeProps = { messages: string[]; testId: string };

/**
 * Says which part of the URL (or a pasted link) the page could not use and what it did instead:
 * a value ignored in silence looks like a page that ignores its input. Dismissable; shown again
 * when the messages change.
 */
export function IgnoredInputNotice({ messages, testId }: IgnoredInputNoticeProps) {
  const [dismissed, setDismissed] = useState('');
  const key = messages.join('\n');
  if (messages.length === 0 || dismissed === key) return null;
  return (
    <div role="status" data-testid={testId} className="flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-1.5 text-sm text-amber-900">
      <ul className="min-w-0 flex-1 space-y-0.5 break-words">
        {messages.map((m) => <li key={m}>{m}</li>)}
      </ul>
      <button type="button" className="shrink-0 text-xs underline" onClick={() => setDismissed(key)}>dismiss</button>
    </div>
  );
}
